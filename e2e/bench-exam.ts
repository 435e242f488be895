// `npm run bench:exam -- --takers 500 [--think-ms 5000] [--spread-s 30]`
// Starts the built portal on its own database (a fresh embedded one unless
// DATABASE_URL is set), creates that many employees, logs them in over HTTP,
// starts them within the same `spread` seconds on the seeded exam, answers every
// question with autosave (a pause of about `think-ms` before each answer) and
// submits. Prints one line:
//   takers=<n> saves=<n> lost=<n> errors=<n> start_p95_ms=<n> save_p95_ms=<n> submit_p95_ms=<n>
// `lost` counts answers the server confirmed as saved that the database does not hold afterwards.
import { spawn } from "node:child_process";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "../lib/cli/build";
import { findFreePort } from "../prisma/embedded-server";
import { demoPassword } from "../prisma/demo-users";

const { values } = parseArgs({
  options: {
    takers: { type: "string", default: "100" },
    "think-ms": { type: "string", default: "5000" },
    "spread-s": { type: "string", default: "30" },
  },
});
const takers = Number(values.takers);
const thinkMs = Number(values["think-ms"]);
const spreadMs = Number(values["spread-s"]) * 1000;

type Choice = { id: string; text: string };
type Item = { id: string; type: string; payload: { options?: Choice[]; items?: Choice[]; left?: Choice[]; right?: Choice[] } };

const p95 = (samples: number[]) => (samples.length ? [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1] : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function answerFor(item: Item) {
  const { options = [], items = [], left = [], right = [] } = item.payload;
  switch (item.type) {
    case "SINGLE":
      return { choice: options[0].id };
    case "MULTIPLE":
      return { choices: [options[0].id] };
    case "TRUE_FALSE":
      return { value: true };
    case "ORDERING":
      return { order: items.map((entry) => entry.id) };
    case "MATCHING":
      return { pairs: Object.fromEntries(left.map((entry, index) => [entry.id, right[index].id])) };
    default:
      return { text: "ответ" };
  }
}

ensureBuild();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "attestation-bench-exam-"));
const port = await findFreePort();
const pgPort = await findFreePort();
const base = `http://localhost:${port}`;
const databaseUrl = process.env.DATABASE_URL ?? `postgresql://portal:portal@127.0.0.1:${pgPort}/attestation`;
const launcher = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "lib/cli/start.ts", "--fresh", "--data", dataDir, "--port", String(port), "--pg-port", String(pgPort)],
  // The takers stand for many computers: each sends its own address as a proxy would report it.
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TRUST_PROXY: "1" } },
);

async function waitForPortal() {
  for (;;) {
    if (launcher.exitCode !== null) throw new Error("The portal stopped while starting.");
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
}

let sessionCount = 0;

class Session {
  cookies = new Map<string, string>();
  address = `10.${(++sessionCount >> 16) & 255}.${(sessionCount >> 8) & 255}.${sessionCount & 255}`;
  remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
  async request(url: string, init: RequestInit = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(`${base}${url}`, { ...init, redirect: "manual", headers: { ...init.headers, cookie, "x-forwarded-for": this.address } });
    this.remember(response);
    return response;
  }
  async login(email: string) {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password: demoPassword, callbackUrl: "/" }),
    });
    if (![...this.cookies.keys()].some((name) => name.includes("session-token"))) {
      throw new Error(`login of ${email} failed (${response.status})`);
    }
  }
  async json(url: string, method: string, body: unknown = {}) {
    const response = await this.request(url, {
      method,
      headers: { "Content-Type": "application/json", Origin: base },
      body: method === "GET" ? undefined : JSON.stringify(body),
    });
    return { ok: response.ok, body: (await response.json()) as Record<string, unknown> };
  }
}

const timings = { start: [] as number[], save: [] as number[], submit: [] as number[] };
const confirmed = new Map<string, unknown>();
let errors = 0;
let saves = 0;

async function takeExam(session: Session, examId: string, delay: number) {
  await sleep(delay);
  let started = performance.now();
  const start = await session.json(`/api/exams/${examId}/attempts`, "POST");
  timings.start.push(performance.now() - started);
  if (start.body.status !== "started") return void errors++;
  const attemptId = start.body.attemptId as string;
  const view = await session.json(`/api/attempts/${attemptId}`, "GET");
  const items = (view.body.attempt as { items: Item[] }).items;
  for (const item of items) {
    await sleep(thinkMs * (0.5 + Math.random()));
    const response = answerFor(item);
    started = performance.now();
    try {
      const saved = await session.json(`/api/attempts/${attemptId}/items/${item.id}`, "PUT", { response, seq: 1 });
      timings.save.push(performance.now() - started);
      saves++;
      if (saved.body.status === "saved") confirmed.set(item.id, response);
      else errors++;
    } catch {
      errors++;
    }
  }
  started = performance.now();
  const submit = await session.json(`/api/attempts/${attemptId}/submit`, "POST");
  timings.submit.push(performance.now() - started);
  if (submit.body.status !== "finished") errors++;
}

try {
  await waitForPortal();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const runId = Date.now().toString(36);
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "position", "role", "passwordHash", "departmentId", "updatedAt")
     SELECT 'bench-' || $1 || '-' || n, 'taker-' || $1 || '-' || n || '@demo.local', 'Экзаменуемый ' || n, 'Специалист', 'EMPLOYEE',
            (SELECT "passwordHash" FROM "User" WHERE "email" = 'employee@demo.local'),
            (SELECT "id" FROM "Department" WHERE "key" = 'customer-support'), now()
     FROM generate_series(1, $2::int) AS n`,
    [runId, takers],
  );
  const [{ id: examId }] = (await db.query(`SELECT "id" FROM "Exam" WHERE "key" = 'mock-attestation'`)).rows;

  const sessions = Array.from({ length: takers }, () => new Session());
  for (let index = 0; index < takers; index += 10) {
    await Promise.all(sessions.slice(index, index + 10).map((session, offset) => session.login(`taker-${runId}-${index + offset + 1}@demo.local`)));
  }
  await Promise.all(sessions.map((session) => takeExam(session, examId, Math.random() * spreadMs).catch(() => void errors++)));

  const stored = await db.query(`SELECT "id", "response" FROM "AttemptItem" WHERE "id" = ANY($1::text[])`, [[...confirmed.keys()]]);
  const byId = new Map(stored.rows.map((row) => [row.id as string, row.response]));
  const lost = [...confirmed].filter(([id, response]) => !isDeepStrictEqual(byId.get(id), response)).length;
  await db.end();
  console.log(
    `takers=${takers} saves=${saves} lost=${lost} errors=${errors} start_p95_ms=${Math.round(p95(timings.start))} save_p95_ms=${Math.round(p95(timings.save))} submit_p95_ms=${Math.round(p95(timings.submit))}`,
  );
} finally {
  launcher.kill("SIGTERM");
  await new Promise((resolve) => launcher.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
