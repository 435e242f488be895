// `npm run bench:reports`: times the heads' dashboard on the data of `npm run seed:load`
// (2,000 employees, 100,000 finished attempts) for the head of the largest department
// and for HR's whole-company view. Prints one line per viewer:
//   viewer=<who> members=<n> overview_p95_ms=<n> heatmap_p95_ms=<n> itemstats_p95_ms=<n> export_xlsx_ms=<n>
//   overview_by_readiness_p95_ms=<n>
// then the attestation protocol for about 200 and 1,000 members, three runs each:
//   protocol department=<name> members=<n> run=<n> data_ms=<n> pdf_ms=<n> protocol_ms=<n>
// The overview is the first page sorted by name (the default); sorted by readiness it
// needs every member's figures, not only the page's.
import { runCommand } from "../../prisma/cli";
import { openLoadDatabase } from "../../prisma/database";
import { applyMigrations } from "../../prisma/schema-engine";
import { companyTimeZone } from "../time-zone";

const CALLS = 30;
const WARMUP = 3;

const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1];

async function timed(call: () => Promise<unknown>) {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

async function p95Of(call: () => Promise<unknown>) {
  for (let run = 0; run < WARMUP; run++) await call();
  const samples: number[] = [];
  for (let run = 0; run < CALLS; run++) samples.push(await timed(call));
  return p95(samples).toFixed(0);
}

runCommand(async () => {
  const database = await openLoadDatabase();
  try {
    // A load set made before the latest migrations is brought up to date (it is disposable).
    await applyMigrations(database.url);
    process.env.DATABASE_URL = database.url;
    const { db } = await import("../db");
    const { teamOverview, teamQuerySchema } = await import("../reports/team");
    const { topicHeatmap } = await import("../reports/topics");
    const { examItemStats } = await import("../reports/item-stats");
    const { overviewTable, toXlsx } = await import("../reports/export");

    const attempts = await db.attempt.count({ where: { examId: { startsWith: "load-exam-" } } }).catch(() => 0);
    if (attempts === 0) throw new Error("The load-test database is empty: run `npm run seed:load` first.");

    const viewerFields = { id: true, email: true, name: true, position: true, role: true, departmentId: true } as const;
    const [largest] = await db.$queryRaw<{ headId: string; name: string; members: bigint }[]>`
      WITH RECURSIVE subtree AS (
        SELECT "id" AS root, "id" FROM "Department" WHERE "headId" IS NOT NULL
        UNION ALL
        SELECT subtree.root, child."id" FROM "Department" child JOIN subtree ON child."parentId" = subtree."id"
      )
      SELECT d."headId", d."name", count(u."id") AS members
      FROM subtree JOIN "Department" d ON d."id" = subtree.root JOIN "User" u ON u."departmentId" = subtree."id" AND u."active"
      GROUP BY d."id" ORDER BY members DESC LIMIT 1`;
    const head = await db.user.findUniqueOrThrow({ where: { id: largest.headId }, select: viewerFields });
    const hr = await db.user.findUniqueOrThrow({ where: { email: "hr@load.test" }, select: viewerFields });
    const latestExam = await db.exam.findFirstOrThrow({ where: { key: { startsWith: "load-exam-" } }, orderBy: { opensAt: "desc" } });
    const everyone = await db.user.count({ where: { active: true } });

    const query = teamQuerySchema.parse({});
    for (const [label, viewer, members] of [
      [`head(${largest.name})`, head, Number(largest.members)],
      ["hr(company)", hr, everyone],
    ] as const) {
      const overview = await p95Of(() => teamOverview(viewer, query));
      const overviewByReadiness = await p95Of(() => teamOverview(viewer, teamQuerySchema.parse({ sort: "readiness" })));
      const heatmap = await p95Of(() => topicHeatmap(viewer, { rows: "members" }));
      const itemStats = await p95Of(() => examItemStats(viewer, latestExam.id));
      const exportMs = await timed(async () => {
        const table = await overviewTable(viewer, query);
        if (!table) throw new Error("no overview table");
        await toXlsx(table, companyTimeZone(), "Команда");
      });
      console.log(
        `viewer=${label} members=${members} overview_p95_ms=${overview} heatmap_p95_ms=${heatmap} itemstats_p95_ms=${itemStats} export_xlsx_ms=${exportMs.toFixed(0)} overview_by_readiness_p95_ms=${overviewByReadiness}`,
      );
    }
    // The attestation protocol (data and PDF) of the latest exam over its whole history, as HR, for the
    // departments whose subtrees come nearest to 200 and to 1,000 members; three runs each.
    const { attestationProtocol } = await import("../reports/protocol");
    const { protocolPdf } = await import("../reports/protocol-pdf");
    const subtrees = await db.$queryRaw<{ id: string; name: string; members: bigint }[]>`
      WITH RECURSIVE subtree AS (
        SELECT "id" AS root, "id" FROM "Department"
        UNION ALL
        SELECT subtree.root, child."id" FROM "Department" child JOIN subtree ON child."parentId" = subtree."id"
      )
      SELECT d."id", d."name", count(u."id") AS members
      FROM subtree JOIN "Department" d ON d."id" = subtree.root JOIN "User" u ON u."departmentId" = subtree."id" AND u."active"
      GROUP BY d."id"`;
    for (const size of [200, 1_000]) {
      const department = subtrees.toSorted((a, b) => Math.abs(Number(a.members) - size) - Math.abs(Number(b.members) - size))[0];
      const query = { exam: latestExam.id, department: department.id, from: "2020-01-01", to: "2026-12-31" };
      for (let run = 1; run <= 3; run++) {
        const started = performance.now();
        const protocol = await attestationProtocol(hr, query);
        const dataMs = performance.now() - started;
        if (!protocol) throw new Error("no protocol");
        const pdfMs = await timed(() => protocolPdf(protocol));
        console.log(
          `protocol department=${department.name} members=${protocol.rows.length} run=${run} data_ms=${dataMs.toFixed(0)} pdf_ms=${pdfMs.toFixed(0)} protocol_ms=${(dataMs + pdfMs).toFixed(0)}`,
        );
      }
    }
    await db.$disconnect();
  } finally {
    await database.stop();
  }
});
