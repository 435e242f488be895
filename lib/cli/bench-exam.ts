// `npm run bench:exam -- --takers 500 [--think-ms 5000] [--spread-s 30] [--pages] [--login-s 120] [--kill-worker-at 90]`
// Starts the built portal on its own database (a fresh embedded one unless
// DATABASE_URL is set), creates that many employees, signs them in over HTTP,
// starts them within the same `spread` seconds on the seeded exam, answers every
// question with autosave (a pause of about `think-ms` before each answer) and
// submits. Sign-ins come 10 at a time before any start, or with `--login-s` at
// random moments over that many seconds, the starts then within `spread` seconds
// after them. `--pages` also loads what a browser loads: the login page before
// signing in, the home page after, the exam page before starting, the attempt
// page after starting and every 7 answers, the result page after submitting
// (the items to answer are read once through the attempt API, as the page
// carries them in its RSC payload); meanwhile the head of the takers' department
// (a demo head) loads the team overview `/team` every 2 s from the first start to
// the last submit, timed as page=team (not in page_p95, which is the takers'). `--kill-worker-at` sends SIGKILL to one
// Next.js worker that many seconds after the sign-ins begin. `--request-cost` instead sends each kind of
// request of a taker from every session in turn, one at a time, and prints what each cost in CPU
// (the first 10 sessions warm the servers up and are printed first):
//   cost=<kind> n=<requests> server_cpu_ms=<per request, Next.js servers> portal_cpu_ms=<per request, with the database> wall_ms=<n>
// Otherwise it prints:
//   takers=<n> saves=<n> lost=<n> errors=<n> login_p95_ms=<n> page_p95_ms=<n> start_p95_ms=<n> save_p95_ms=<n> submit_p95_ms=<n> finished=<n> retries=<n>
//   page=<kind> n=<n> p95_ms=<n>   (one line per page kind and one for team, with --pages)
// `lost` counts answers the server confirmed as saved that the database does not hold afterwards;
// `errors` counts failed requests and unexpected answers; `finished` the submits the server confirmed;
// `retries` the JSON calls whose connection broke and that were sent again once (not errors unless that failed too).
import { spawn } from "node:child_process";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "./build";
import { findFreePort } from "../../prisma/embedded-server";
import { demoPassword } from "../../prisma/demo-users";
import { definitionOf, type QuestionType } from "../questions/types";

const { values } = parseArgs({
  options: {
    takers: { type: "string", default: "100" },
    "think-ms": { type: "string", default: "5000" },
    "spread-s": { type: "string", default: "30" },
    pages: { type: "boolean", default: false },
    "login-s": { type: "string" },
    "kill-worker-at": { type: "string" },
    "request-cost": { type: "boolean", default: false },
  },
});
const takers = Number(values.takers);
const thinkMs = Number(values["think-ms"]);
const spreadMs = Number(values["spread-s"]) * 1000;
const loadPages = values.pages;
const loginMs = values["login-s"] === undefined ? null : Number(values["login-s"]) * 1000;
const killWorkerAtMs = values["kill-worker-at"] === undefined ? null : Number(values["kill-worker-at"]) * 1000;
const requestCost = values["request-cost"];
for (const [name, value] of Object.entries({ takers, "think-ms": thinkMs, "spread-s": spreadMs, "login-s": loginMs ?? 0, "kill-worker-at": killWorkerAtMs ?? 0 })) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of at least 0`);
}

type Item = { id: string; type: QuestionType; payload: unknown };

const p95 = (samples: number[]) => (samples.length ? [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1] : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An answer from what the taker sees (its type's definition gives one). */
const answerFor = (item: Item) => definitionOf(item.type).someResponse(item.payload);

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
  /** GETs a page as a browser does (the whole HTML), timed under its kind; anything but 200 is an error. */
  async page(kind: PageKind | "team", url: string) {
    const started = performance.now();
    try {
      const response = await this.request(url);
      await response.text();
      (kind === "team" ? timings.team : timings.pages[kind]).push(performance.now() - started);
      if (response.status !== 200) errors++;
    } catch {
      errors++;
    }
  }
  async login(email: string, password = demoPassword) {
    if (loadPages) await this.page("login", "/login");
    await this.signIn(email, password);
    if (loadPages) await this.page("home", "/");
  }
  async signIn(email: string, password = demoPassword) {
    const started = performance.now();
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
    });
    timings.login.push(performance.now() - started);
    if (![...this.cookies.keys()].some((name) => name.includes("session-token"))) {
      throw new Error(`login of ${email} failed (${response.status})`);
    }
  }
  /** A JSON call; a connection that breaks (a killed worker) is tried once more after 1 s, as the exam page retries. */
  async json(url: string, method: string, body: unknown = {}, retry = true): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    try {
      const response = await this.request(url, {
        method,
        headers: { "Content-Type": "application/json", Origin: base },
        body: method === "GET" ? undefined : JSON.stringify(body),
      });
      return { ok: response.ok, body: (await response.json()) as Record<string, unknown> };
    } catch (error) {
      if (!retry || !(error instanceof TypeError)) throw error;
      retries++;
      await sleep(1000);
      return this.json(url, method, body, false);
    }
  }
}

const pageKinds = ["login", "home", "exam", "attempt", "result"] as const;
type PageKind = (typeof pageKinds)[number];
const timings = {
  login: [] as number[],
  start: [] as number[],
  save: [] as number[],
  submit: [] as number[],
  pages: Object.fromEntries(pageKinds.map((kind) => [kind, [] as number[]])) as Record<PageKind, number[]>,
  team: [] as number[],
};
const confirmed = new Map<string, unknown>();
let errors = 0;
let retries = 0;
let saves = 0;
let finished = 0;

let examsRunning = 0;
let examsDone = false;

/** The head's view while attempts run: /team every 2 s from the first start until every taker is done. */
async function watchTeam(head: Session) {
  while (examsRunning === 0 && !examsDone) await sleep(200);
  while (!examsDone) {
    await head.page("team", "/team");
    await sleep(2000);
  }
}

async function takeExam(session: Session, examId: string) {
  examsRunning++;
  if (loadPages) await session.page("exam", `/exams/${examId}`);
  let started = performance.now();
  const start = await session.json(`/api/exams/${examId}/attempts`, "POST");
  timings.start.push(performance.now() - started);
  if (start.body.status !== "started") return void errors++;
  const attemptId = start.body.attemptId as string;
  const view = await session.json(`/api/attempts/${attemptId}`, "GET");
  const items = (view.body.attempt as { items: Item[] }).items;
  if (loadPages) await session.page("attempt", `/attempts/${attemptId}`);
  for (const [index, item] of items.entries()) {
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
    if (loadPages && (index + 1) % 7 === 0) await session.page("attempt", `/attempts/${attemptId}`);
  }
  started = performance.now();
  const submit = await session.json(`/api/attempts/${attemptId}/submit`, "POST");
  timings.submit.push(performance.now() - started);
  if (submit.body.status !== "finished") return void errors++;
  finished++;
  if (loadPages) await session.page("result", `/attempts/${attemptId}/result`);
}

/** The portal's Next.js workers: the children of its primary process (start.ts) that run next-worker.mjs. */
function workerPids() {
  const children = readdirSync(`/proc/${launcher.pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${launcher.pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean),
  );
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("next-worker");
    } catch {
      return false;
    }
  });
}

/** CPU milliseconds each of these processes has used so far (user + system, from /proc); exited ones are left out. */
function cpuMs(pids: string[]) {
  const ticksPerSecond = 100;
  const used = new Map<string, number>();
  for (const pid of new Set(pids)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      used.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    } catch {
      // exited
    }
  }
  return used;
}

/** The CPU the processes alive at the end used since `before` (a process started since counts from 0). */
function cpuSince(before: Map<string, number>, after: Map<string, number>) {
  return [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
}

function descendantPids(pid: string): string[] {
  let children: string[] = [];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean));
  } catch {
    // exited
  }
  return [pid, ...children.flatMap(descendantPids)];
}

/**
 * --request-cost: each kind of request a taker makes, sent by every session one after the other
 * (nothing else running), with the CPU it cost the Next.js servers and the whole portal
 * (servers, primary, database) per request.
 */
async function measureRequestCost(sessions: Session[], email: (index: number) => string, examId: string) {
  const attempts: { id: string; items: Item[] }[] = [];
  const cost = async (kind: string, send: (session: Session, index: number) => Promise<number | void>) => {
    const portal = () => descendantPids(String(launcher.pid));
    const [serverBefore, allBefore, started] = [cpuMs(workerPids()), cpuMs(portal()), performance.now()];
    let count = 0;
    for (const [index, session] of sessions.entries()) count += (await send(session, index)) ?? 1;
    const perRequest = (value: number) => (value / count).toFixed(1);
    console.log(
      `cost=${kind} n=${count} server_cpu_ms=${perRequest(cpuSince(serverBefore, cpuMs(workerPids())))} portal_cpu_ms=${perRequest(cpuSince(allBefore, cpuMs(portal())))} wall_ms=${perRequest(performance.now() - started)}`,
    );
  };
  await cost("login_page", (session) => session.page("login", "/login"));
  await cost("sign_in", (session, index) => session.signIn(email(index)));
  await cost("home_page", (session) => session.page("home", "/"));
  await cost("exam_page", (session) => session.page("exam", `/exams/${examId}`));
  await cost("start", async (session) => {
    const start = await session.json(`/api/exams/${examId}/attempts`, "POST");
    if (start.body.status !== "started") errors++;
    attempts.push({ id: start.body.attemptId as string, items: [] });
  });
  await cost("attempt_json", async (session, index) => {
    const view = await session.json(`/api/attempts/${attempts[index].id}`, "GET");
    attempts[index].items = (view.body.attempt as { items: Item[] }).items;
  });
  await cost("attempt_page", (session, index) => session.page("attempt", `/attempts/${attempts[index].id}`));
  await cost("save", async (session, index) => {
    const { id, items } = attempts[index];
    for (const item of items) {
      const saved = await session.json(`/api/attempts/${id}/items/${item.id}`, "PUT", { response: answerFor(item), seq: 1 });
      if (saved.body.status !== "saved") errors++;
    }
    return items.length;
  });
  await cost("submit", async (session, index) => {
    const submit = await session.json(`/api/attempts/${attempts[index].id}/submit`, "POST");
    if (submit.body.status !== "finished") errors++;
  });
  await cost("result_page", (session, index) => session.page("result", `/attempts/${attempts[index].id}/result`));
  console.log(`errors=${errors}`);
}

function killWorkerLater(delayMs: number) {
  return setTimeout(() => {
    const [pid] = workerPids();
    if (!pid) return console.log(`kill_worker_at_s=${delayMs / 1000} no worker found`);
    process.kill(Number(pid), "SIGKILL");
    console.log(`kill_worker_at_s=${delayMs / 1000} killed_pid=${pid}`);
  }, delayMs);
}

try {
  await waitForPortal();
  const db = new pg.Client({ connectionString: databaseUrl });
  // The database may stop with the portal (--kill-worker-at): the count of lost answers then says so.
  db.on("error", (error) => console.error(`bench database connection: ${error.message}`));
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
  const email = (index: number) => `taker-${runId}-${index + 1}@demo.local`;
  if (requestCost) {
    // The first 10 warm up the servers (Next.js loads a route's code on its first request).
    await measureRequestCost(sessions.slice(0, 10), email, examId);
    await measureRequestCost(sessions.slice(10), (index) => email(index + 10), examId);
    await db.end();
  } else {
    const killer = killWorkerAtMs === null ? null : killWorkerLater(killWorkerAtMs);
    // The head of SPS, above the takers' department (content/org.yaml, a demo head).
    const head = new Session();
    const watching = loadPages ? head.login("i.zasypkin@company.example").then(() => watchTeam(head)) : null;
    if (loginMs === null) {
      for (let index = 0; index < takers; index += 10) {
        await Promise.all(sessions.slice(index, index + 10).map((session, offset) => session.login(email(index + offset))));
      }
      await Promise.all(sessions.map(async (session) => {
        await sleep(Math.random() * spreadMs);
        await takeExam(session, examId).catch(() => void errors++);
      }));
    } else {
      const begin = performance.now();
      await Promise.all(
        sessions.map(async (session, index) => {
          await sleep(Math.random() * loginMs);
          try {
            await session.login(email(index));
            await sleep(begin + loginMs + Math.random() * spreadMs - performance.now());
            await takeExam(session, examId);
          } catch {
            errors++;
          }
        }),
      );
    }
    if (killer) clearTimeout(killer);
    examsDone = true;
    await watching;

    let lost: number | "unchecked" = "unchecked";
    try {
      const stored = await db.query(`SELECT "id", "response" FROM "AttemptItem" WHERE "id" = ANY($1::text[])`, [[...confirmed.keys()]]);
      const byId = new Map(stored.rows.map((row) => [row.id as string, row.response]));
      lost = [...confirmed].filter(([id, response]) => !isDeepStrictEqual(byId.get(id), response)).length;
      await db.end();
    } catch (error) {
      console.error(`lost answers unchecked: ${(error as Error).message}`);
    }
    const ms = (samples: number[]) => Math.round(p95(samples));
    console.log(
      `takers=${takers} saves=${saves} lost=${lost} errors=${errors} login_p95_ms=${ms(timings.login)} page_p95_ms=${ms(Object.values(timings.pages).flat())} start_p95_ms=${ms(timings.start)} save_p95_ms=${ms(timings.save)} submit_p95_ms=${ms(timings.submit)} finished=${finished} retries=${retries}`,
    );
    if (loadPages) {
      for (const kind of pageKinds) console.log(`page=${kind} n=${timings.pages[kind].length} p95_ms=${ms(timings.pages[kind])}`);
      console.log(`page=team n=${timings.team.length} p95_ms=${ms(timings.team)}`);
    }
  }
} finally {
  if (launcher.exitCode === null) {
    launcher.kill("SIGTERM");
    await new Promise((resolve) => launcher.once("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
