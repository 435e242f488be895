import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import pg from "pg";
import tar from "tar-stream";
import { Rating } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { recordAudit } from "../lib/audit/record";
import { saveResponse, startAttempt, submitAttempt } from "../lib/exams/attempts";
import { rateCard } from "../lib/study/review";
import type { Taker } from "../lib/exams/access";
import { attemptItems, correctResponse, createExam, DECK, seedPortal, shownResponse, started, taker, type ItemRow } from "../lib/testing/fixtures";
import { BackupError, backupDatabase, restoreBackup } from "./backup";
import { findFreePort, startEmbeddedPostgres } from "./embedded-server";

/** Per table of the public schema: its row count and a digest of all its rows. */
async function snapshot(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { tablename } of tables.rows) {
      const { rows } = await client.query<{ rows: number; digest: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${tablename}" t`,
      );
      result[tablename] = rows[0];
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Points lib/db.ts (the one Prisma client) at another database. */
async function useDatabase(url: string) {
  await db.$disconnect();
  process.env.DATABASE_URL = url;
  (globalThis as { prisma?: unknown }).prisma = undefined;
}

const folders: string[] = [];
function tempFolder(prefix: string) {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("backup and restore", () => {
  const testUrl = process.env.DATABASE_URL!;
  let employee: Taker;
  let attemptId: string;
  let items: ItemRow[];
  let backupFile: string;
  const answer = (item: ItemRow, seq: number) =>
    saveResponse(employee, attemptId, item.id, { response: shownResponse(item, correctResponse(item)), seq });

  beforeAll(async () => {
    await seedPortal();
    employee = await taker("employee@demo.local");
    const exam = await createExam({ questionsPerCard: 1, timeLimitSeconds: 3600 });
    attemptId = started(await startAttempt(employee, exam.id));
    items = await attemptItems(attemptId);
    expect((await answer(items[0], 1)).status).toBe("saved");
    expect((await answer(items[1], 2)).status).toBe("saved");
    const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK }, select: { id: true, cards: { select: { id: true }, orderBy: { position: "asc" } } } });
    expect((await rateCard(employee.id, deck.id, { cardId: deck.cards[0].id, rating: Rating.Good, expectedReps: 0 })).status).toBe("rated");
    await db.$transaction((tx) => recordAudit(tx, { actorId: null, action: "test.before-backup", entity: "User", entityId: employee.id }));
    backupFile = path.join(tempFolder("backup-file-"), "attestation.tar.gz");
  });

  it("restores, from a backup taken during an attempt, every row that existed then and none made later; the attempt continues", async () => {
    const secretFile = path.join(tempFolder("backup-secret-"), "auth-secret");
    writeFileSync(secretFile, "the-portal-secret");
    const atBackup = await snapshot(testUrl);
    const backupStarted = performance.now();
    const backup = await backupDatabase(testUrl, backupFile, { authSecretFile: secretFile });
    const backupSeconds = (performance.now() - backupStarted) / 1000;
    expect(backup.bytes).toBe(statSync(backupFile).size);

    // Changes after the backup: a third answer, a review, an audit entry.
    expect((await answer(items[2], 3)).status).toBe("saved");
    const deck = await db.deck.findUniqueOrThrow({ where: { slug: DECK }, select: { id: true, cards: { select: { id: true }, orderBy: { position: "asc" } } } });
    await rateCard(employee.id, deck.id, { cardId: deck.cards[1].id, rating: Rating.Good, expectedReps: 0 });
    await db.$transaction((tx) => recordAudit(tx, { actorId: null, action: "test.after-backup", entity: "User", entityId: employee.id }));
    expect(await snapshot(testUrl)).not.toEqual(atBackup);

    const parent = tempFolder("backup-restored-");
    // Under root the embedded PostgreSQL runs as the OS user postgres: it must reach the folder.
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "data");
    const restoreStarted = performance.now();
    await restoreBackup(backupFile, dataDir);
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    const restoreSeconds = (performance.now() - restoreStarted) / 1000;
    try {
      const restored = await snapshot(server.url);
      expect(restored).toEqual(atBackup);
      for (const table of ["User", "Attempt", "AttemptItem", "ReviewLog", "AuditLog"]) expect(restored[table].rows).toBeGreaterThan(0);
      expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe("the-portal-secret");
      const rows = Object.values(restored).reduce((sum, table) => sum + table.rows, 0);
      console.log(
        `backup_bytes=${backup.bytes} backup_s=${backupSeconds.toFixed(2)} restore_and_start_s=${restoreSeconds.toFixed(2)} tables=${Object.keys(restored).length} rows_compared=${rows}`,
      );

      await useDatabase(server.url);
      expect(await db.auditLog.count({ where: { action: "test.after-backup" } })).toBe(0);
      expect((await db.attemptItem.findUniqueOrThrow({ where: { id: items[2].id } })).response).toBeNull();
      expect((await answer(items[2], 3)).status).toBe("saved");
      const submitted = await submitAttempt(employee, attemptId);
      expect(submitted).toMatchObject({ status: "finished", finalizedNow: true, attemptStatus: "SUBMITTED" });
      expect(submitted.percent).toBeCloseTo((300 / items.length), 0);
    } finally {
      await useDatabase(testUrl);
      await server.stop();
    }
  }, 90_000);

  it("refuses a truncated file, a foreign tar.gz and a text file with a clear message, leaving the target folder empty", async () => {
    if (!existsSync(backupFile)) await backupDatabase(testUrl, backupFile);
    const folder = tempFolder("backup-bad-");
    const whole = readFileSync(backupFile);
    const truncated = path.join(folder, "truncated.tar.gz");
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const text = path.join(folder, "notes.txt");
    writeFileSync(text, "not a backup\n");
    const foreign = path.join(folder, "foreign.tar.gz");
    const pack = tar.pack();
    pack.entry({ name: "pg/PG_VERSION" }, "17\n");
    pack.entry({ name: "pg/global/pg_control" }, randomBytes(8192));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of pack) chunks.push(chunk as Buffer);
    writeFileSync(foreign, zlib.gzipSync(Buffer.concat(chunks)));
    const escaping = path.join(folder, "escaping.tar.gz");
    const evil = tar.pack();
    evil.entry({ name: "pg/../../outside" }, "x");
    evil.finalize();
    const evilChunks: Buffer[] = [];
    for await (const chunk of evil) evilChunks.push(chunk as Buffer);
    writeFileSync(escaping, zlib.gzipSync(Buffer.concat(evilChunks)));

    const cases: [string, RegExp][] = [
      [truncated, /truncated\.tar\.gz is incomplete \(cut off at \d+ bytes\): not a whole backup/],
      [foreign, /foreign\.tar\.gz is not a backup made by npm run db:backup: it has no pg\/backup_manifest/],
      [text, /notes\.txt is not a backup made by npm run db:backup \(incorrect header check\)/],
      [escaping, /escaping\.tar\.gz is not a backup made by npm run db:backup: it holds file "pg\/\.\.\/\.\.\/outside"/],
      [path.join(folder, "missing.tar.gz"), /missing\.tar\.gz does not exist/],
    ];
    for (const [file, message] of cases) {
      const target = path.join(folder, "target");
      mkdirSync(target, { recursive: true });
      const refused = await restoreBackup(file, target).catch((error: unknown) => error);
      expect(refused, file).toBeInstanceOf(BackupError);
      expect((refused as Error).message).toMatch(message);
      expect(readdirSync(target), file).toEqual([]);
      expect(existsSync(path.join(folder, "outside"))).toBe(false);
    }
  }, 120_000);

  it("npm run db:backup backs up the running embedded PostgreSQL of PORTAL_DATA_DIR; a restore refuses its folder while it runs, and a non-empty one unless forced", async () => {
    const parent = tempFolder("backup-cli-");
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "data");
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    writeFileSync(path.join(dataDir, "auth-secret"), "secret-at-backup");
    const file = path.join(parent, "cli.tar.gz");
    try {
      const cli = spawnSync("npm", ["run", "--silent", "db:backup", "--", file], {
        env: { ...process.env, DATABASE_URL: "", PORTAL_DATA_DIR: dataDir },
        encoding: "utf8",
      });
      expect(cli.stderr).toBe("");
      expect(cli.stdout).toMatch(new RegExp(`^Backup written: ${file} \\([\\d.]+ MB, \\d+ files, [\\d.]+ s\\)`));
      const refused = await restoreBackup(file, dataDir, { force: true }).catch((error: unknown) => error);
      expect((refused as Error).message).toMatch(/^A PostgreSQL \(pid \d+\) runs on .*\/data\/pg: stop the portal that uses .*\/data first\.$/);
    } finally {
      await server.stop();
    }
    writeFileSync(path.join(dataDir, "auth-secret"), "secret-changed-later");
    const notEmpty = await restoreBackup(file, dataDir).catch((error: unknown) => error);
    expect((notEmpty as Error).message).toBe(
      `${dataDir} is not empty: it holds ${dataDir}/pg and ${dataDir}/auth-secret. Restore into an empty folder (--data <dir>), or add --force to replace them.`,
    );
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe("secret-changed-later");

    const forced = await restoreBackup(file, dataDir, { force: true });
    expect(forced.replaced).toEqual([path.join(dataDir, "pg"), path.join(dataDir, "auth-secret")]);
    expect(readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe("secret-at-backup");
    expect(readdirSync(dataDir).sort()).toEqual(["auth-secret", "pg"]);
    const restarted = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    await restarted.stop();
  }, 120_000);

  it("refuses a database whose role may not replicate, saying what to use instead, and leaves no file", async () => {
    await db.$executeRawUnsafe("DROP ROLE IF EXISTS no_replication");
    await db.$executeRawUnsafe("CREATE ROLE no_replication LOGIN PASSWORD 'no-replication'");
    const url = new URL(testUrl);
    url.username = "no_replication";
    url.password = "no-replication";
    const file = path.join(tempFolder("backup-refused-"), "refused.tar.gz");
    const refused = await backupDatabase(url.toString(), file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as Error).message).toMatch(/^Cannot open a replication connection to 127\.0\.0\.1:\d+: .*permission denied to start WAL sender/);
    expect((refused as Error).message).toContain("needs a role with REPLICATION and a \"replication\" line in pg_hba.conf; otherwise back that server up with its own pg_basebackup or pg_dump.");
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it("restores, from a backup taken while a taker keeps saving, exactly the saves up to one moment within the backup", async () => {
    const engineer = await taker("engineer@demo.local");
    const exam = await createExam({ questionsPerCard: 1, timeLimitSeconds: 3600 });
    const engineerAttempt = started(await startAttempt(engineer, exam.id));
    const engineerItems = await attemptItems(engineerAttempt);
    // One save at a time, save n to item n mod count, so the stored state after n saves is known.
    let acknowledged = 0;
    let writing = true;
    const writer = (async () => {
      for (let seq = 1; writing; seq++) {
        const item = engineerItems[seq % engineerItems.length];
        const result = await saveResponse(engineer, engineerAttempt, item.id, { response: shownResponse(item, correctResponse(item)), seq });
        expect(result.status).toBe("saved");
        acknowledged = seq;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beforeBackup = acknowledged;
    const file = path.join(tempFolder("backup-busy-"), "busy.tar.gz");
    await backupDatabase(testUrl, file);
    const afterBackup = acknowledged;
    writing = false;
    await writer;

    const parent = tempFolder("backup-busy-restored-");
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "data");
    await restoreBackup(file, dataDir);
    const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const { rows } = await client.query<{ id: string; responseSeq: number }>(`SELECT id, "responseSeq" FROM "AttemptItem" WHERE "attemptId" = $1`, [
        engineerAttempt,
      ]);
      const restoredSaves = Math.max(...rows.map((row) => row.responseSeq));
      console.log(`saves_before_backup=${beforeBackup} saves_during_backup=${afterBackup - beforeBackup} restored_saves=${restoredSaves}`);
      expect(afterBackup).toBeGreaterThan(beforeBackup);
      expect(restoredSaves).toBeGreaterThanOrEqual(beforeBackup);
      expect(restoredSaves).toBeLessThanOrEqual(afterBackup);
      const expected = engineerItems.map((item, index) => {
        const last = restoredSaves - ((restoredSaves - index + engineerItems.length) % engineerItems.length);
        return { id: item.id, responseSeq: last > 0 ? last : 0 };
      });
      expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
    } finally {
      await client.end();
      await server.stop();
    }
  }, 120_000);
});
