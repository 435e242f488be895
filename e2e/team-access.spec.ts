import { expect, type APIRequestContext } from "@playwright/test";
import { accounts, createLearner, finishedAttempt, login, sql, test } from "./support";

// The authorization matrix of the heads' dashboard: every page and export, as every
// kind of viewer, with ids from the head's department (Засыпкин: СПС → поддержка).
// The dashboard has no server actions: its pages and exports are all GET requests.

type Target = { name: string; path: string; kind: "page" | "export" };
type Viewer = "anonymous" | "employee" | "otherHead" | "head" | "hr" | "admin";

let targets: Target[] = [];

test.beforeAll(async ({ browser }) => {
  const learner = await createLearner("matrix");
  const { attemptId, examId } = await finishedAttempt(browser, learner, "Экзамен матрицы");
  const [{ departmentId }] = await sql(`SELECT "departmentId" FROM "User" WHERE "id" = $1`, [learner.id]);
  targets = [
    { name: "overview", path: "/team", kind: "page" },
    { name: "heatmap", path: "/team/topics", kind: "page" },
    { name: "question statistics", path: `/team/questions?exam=${examId}`, kind: "page" },
    { name: "trends", path: "/team/trends", kind: "page" },
    { name: "overview of the department", path: `/team?department=${departmentId}`, kind: "page" },
    { name: "heatmap of the department", path: `/team/topics?department=${departmentId}`, kind: "page" },
    { name: "statistics of the department", path: `/team/questions?exam=${examId}&department=${departmentId}`, kind: "page" },
    { name: "trends of the department", path: `/team/trends?department=${departmentId}`, kind: "page" },
    { name: "member", path: `/team/members/${learner.id}`, kind: "page" },
    { name: "attempt review", path: `/team/attempts/${attemptId}`, kind: "page" },
    { name: "overview export", path: `/team/export/overview?format=csv&department=${departmentId}`, kind: "export" },
    { name: "overview export (xlsx)", path: "/team/export/overview?format=xlsx", kind: "export" },
    { name: "results export", path: `/team/export/results?format=csv&exam=${examId}&department=${departmentId}`, kind: "export" },
    { name: "protocol", path: `/team/export/protocol?exam=${examId}&from=2020-01-01&to=2099-12-31`, kind: "export" },
    { name: "protocol of the department", path: `/team/export/protocol?exam=${examId}&department=${departmentId}&from=2020-01-01&to=2099-12-31`, kind: "export" },
    { name: "attestation sheet", path: `/team/members/${learner.id}/sheet?exam=${examId}&from=2020-01-01&to=2099-12-31`, kind: "export" },
  ];
});

/** What a viewer gets for a target: the HTTP status, and for a redirect its target path. */
async function outcome(request: APIRequestContext, target: Target) {
  const response = await request.get(target.path, { maxRedirects: 0 });
  const location = response.headers().location;
  return location ? `${response.status()} → ${new URL(location, "http://x").pathname}` : String(response.status());
}

/** The department-bound targets a head of another department must not see. */
const foreignToOtherHead = new Set([
  "overview of the department",
  "heatmap of the department",
  "statistics of the department",
  "trends of the department",
  "member",
  "attempt review",
  "overview export",
  "results export",
  // The exam is assigned to the learner alone: not one of the other head's exams.
  "protocol",
  "protocol of the department",
  "attestation sheet",
]);

function expected(viewer: Viewer, target: Target) {
  if (viewer === "anonymous") return target.kind === "page" ? "307 → /login" : "401";
  if (viewer === "employee") return "404";
  if (viewer === "otherHead" && foreignToOtherHead.has(target.name)) return "404";
  return "200";
}

const signIn: Record<Exclude<Viewer, "anonymous">, string> = {
  employee: accounts.employee,
  otherHead: accounts.otherHead,
  head: accounts.head,
  hr: accounts.hr,
  admin: accounts.admin,
};

for (const viewer of ["anonymous", "employee", "otherHead", "head", "hr", "admin"] as const) {
  test(`the dashboard as ${viewer}`, async ({ page }) => {
    if (viewer !== "anonymous") await login(page, signIn[viewer]);
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const target of targets) {
      got[target.name] = await outcome(page.request, target);
      want[target.name] = expected(viewer, target);
    }
    expect(got).toEqual(want);
  });
}
