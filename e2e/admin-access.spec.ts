import { expect, type APIRequestContext } from "@playwright/test";
import { accounts, login, portalOrigin, sql, test } from "./support";

// The authorization matrix of the admin area: every page as every kind of viewer.
// Its server actions: admin-actions-access.spec.ts.

type Viewer = "anonymous" | "employee" | "head" | "hr" | "admin";

let paths: string[] = [];

test.beforeAll(async () => {
  const [{ id }] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [accounts.engineer]);
  const [card] = await sql(
    `SELECT c."id", c."deckId", q."id" AS "questionId" FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId"
     JOIN "Question" q ON q."cardId" = c."id" WHERE d."slug" = 'attestation-prep' LIMIT 1`,
  );
  const [exam] = await sql(`SELECT "id" FROM "Exam" WHERE "key" = 'mock-attestation'`);
  paths = [
    "/admin",
    "/admin/users",
    "/admin/users/new",
    `/admin/users/${id}`,
    "/admin/users/import",
    "/admin/departments",
    "/admin/exams",
    "/admin/exams/new",
    `/admin/exams/${exam.id}`,
    "/admin/decks",
    "/admin/decks/import",
    `/admin/decks/${card.deckId}`,
    `/admin/decks/${card.deckId}/cards/${card.id}`,
    `/admin/decks/${card.deckId}/cards/${card.id}/questions/${card.questionId}`,
    `/admin/decks/${card.deckId}/cards/${card.id}/questions/new`,
    "/admin/audit",
    "/admin/outbox",
  ];
});

async function outcome(request: APIRequestContext, path: string) {
  const response = await request.get(path, { maxRedirects: 0 });
  const location = response.headers().location;
  return location ? `${response.status()} → ${new URL(location, "http://x").pathname}` : String(response.status());
}

const expected: Record<Viewer, string> = { anonymous: "307 → /login", employee: "404", head: "404", hr: "200", admin: "200" };
const signIn: Record<Exclude<Viewer, "anonymous">, string> = {
  employee: accounts.employee,
  head: accounts.head,
  hr: accounts.hr,
  admin: accounts.admin,
};

for (const viewer of ["anonymous", "employee", "head", "hr", "admin"] as const) {
  test(`the admin area as ${viewer}`, async ({ page }) => {
    if (viewer !== "anonymous") await login(page, signIn[viewer]);
    const got: Record<string, string> = {};
    for (const path of paths) got[path] = await outcome(page.request, path);
    expect(got).toEqual(Object.fromEntries(paths.map((path) => [path, expected[viewer]])));
  });
}

// The content transfer's route handlers answer 401/404 instead of redirecting, like the team exports.
const routeExpected: Record<Viewer, number> = { anonymous: 401, employee: 404, head: 404, hr: 200, admin: 200 };

for (const viewer of ["anonymous", "employee", "head", "hr", "admin"] as const) {
  test(`the deck downloads and the content import as ${viewer}`, async ({ page }) => {
    if (viewer !== "anonymous") await login(page, signIn[viewer]);
    const [{ deckId }] = await sql(`SELECT "id" AS "deckId" FROM "Deck" WHERE "slug" = 'attestation-prep'`);
    const got = {
      zip: (await page.request.get(`/admin/decks/${deckId}/export/zip`, { maxRedirects: 0 })).status(),
      csv: (await page.request.get(`/admin/decks/${deckId}/export/csv`, { maxRedirects: 0 })).status(),
      unknownDeck: (await page.request.get("/admin/decks/no-such-deck/export/zip", { maxRedirects: 0 })).status(),
      // A check of an empty form: HR and admins get 422 (no file), the others never reach it.
      importCheck: (await page.request.post("/admin/decks/import/archive", { multipart: { mode: "check" }, headers: { Origin: portalOrigin() }, maxRedirects: 0 })).status(),
    };
    const allowed = routeExpected[viewer];
    expect(got).toEqual({ zip: allowed, csv: allowed, unknownDeck: allowed === 200 ? 404 : allowed, importCheck: allowed === 200 ? 422 : allowed });
  });
}
