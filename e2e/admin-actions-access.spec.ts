import { expect } from "@playwright/test";
import { accounts, callAction, login, serverActions, sql, test, type ActionOutcome } from "./support";

// The authorization matrix of the admin area's server actions: every action the
// built portal has, called over HTTP as every kind of viewer, with an input its
// schema accepts (so only the role check can stop it) that names records which
// do not exist (so an allowed call is refused by lib/ as "not found" or "invalid"
// and writes nothing).

const missing = "e2e-missing-record";
const question = { deckId: missing, cardId: missing, type: "TRUE_FALSE", prompt: "?", explanation: "", pool: "BOTH", active: true, value: true };

/** Every admin action by its exported name, with an input its action schema accepts. */
const inputs: Record<string, unknown> = {
  createUserAction: { name: "Проверка доступа", position: "", departmentId: missing, role: "EMPLOYEE", email: "access-check@demo.local", credential: "link" },
  updateUserAction: { userId: missing, name: "Проверка доступа", position: "", departmentId: "", role: "EMPLOYEE" },
  setUserActiveAction: { userId: missing, active: false },
  resetPasswordAction: { userId: missing, credential: "link" },
  previewUserImportAction: { text: "" },
  applyUserImportAction: { text: "" },
  createDeckAction: { title: "Проверка доступа", description: "", slug: "e2e-access-check" },
  updateDeckAction: { id: missing, title: "Проверка доступа", description: "", version: 1 },
  setDeckPublishedAction: { id: missing, published: true },
  reorderCardsAction: { deckId: missing, cardIds: [] },
  deleteDeckAction: { id: missing },
  createCardAction: { deckId: missing, front: "Проверка", back: "Проверка" },
  updateCardAction: { deckId: missing, cardId: missing, front: "Проверка", back: "", version: 1 },
  createQuestionAction: question,
  updateQuestionAction: { ...question, questionId: missing, version: 1 },
  lintQuestionDraftAction: { ...question, questionId: null },
  createExamAction: {},
  updateExamAction: {},
  setExamPublishedAction: { id: missing, published: true },
  deleteExamAction: { id: missing },
  addAssignmentAction: { examId: missing, departmentId: missing, userId: null, dueAt: "" },
  updateAssignmentDueAction: { id: missing, dueAt: "" },
  removeAssignmentAction: { id: missing },
  createDepartmentAction: { name: "Проверка доступа", parentId: missing },
  renameDepartmentAction: { id: missing, name: "Проверка доступа" },
  moveDepartmentAction: { id: missing, parentId: null },
  setDepartmentHeadAction: { id: missing, headId: null },
  deleteDepartmentAction: { id: missing },
  // Not the demo accounts the admin would be shown: refused, so the shared demo accounts stay.
  removeDemoAction: { userIds: [missing] },
};

const adminActions = () => serverActions("lib/actions/admin/", missing);

const sessionRefusals = new Set(["unauthenticated", "password-change-required", "forbidden"]);

/** How the call ended, in one word: what each viewer must get is a single word per action. */
function outcome({ status, threw, result }: ActionOutcome) {
  if (threw) return `threw with status ${status}`;
  if (!result) return `status ${status}, no result`;
  if (result.ok) return "done";
  // Every admin action answers lib/admin's ChangeResult: a refusal of the session or the role, or of the record.
  return result.error && sessionRefusals.has(result.error) ? result.error : "refused by lib";
}

/** Audit entries by the signed-in viewer (by nobody for anonymous): other tests run alongside. */
const auditCount = async (email: string | null) =>
  Number(
    (
      await sql(`SELECT count(*) AS n FROM "AuditLog" WHERE "actorId" IS NOT DISTINCT FROM (SELECT "id" FROM "User" WHERE "email" = $1)`, [
        email,
      ])
    )[0].n,
  );

test("every admin action has an input in this matrix", () => {
  expect(adminActions().map((action) => action.name)).toEqual(Object.keys(inputs).sort((a, b) => a.localeCompare(b)));
});

const expected = { anonymous: "unauthenticated", employee: "forbidden", head: "forbidden", hr: "refused by lib", admin: "refused by lib" };
/** Allowed calls that succeed even with unknown records: a preview reads only, a new deck needs no other record. */
const doneWhenAllowed = new Set(["previewUserImportAction", "createDeckAction"]);
/** Actions for admins only (manageSettings): HR is denied like an employee. */
const adminOnly = new Set(["removeDemoAction"]);
const signIn = { employee: accounts.employee, head: accounts.head, hr: accounts.hr, admin: accounts.admin };

for (const viewer of ["anonymous", "employee", "head", "hr", "admin"] as const) {
  const allowed = viewer === "hr" || viewer === "admin";
  test(`every admin action as ${viewer}: ${expected[viewer]}${allowed ? "" : ", nothing written"}`, async ({ page }) => {
    const email = viewer === "anonymous" ? null : signIn[viewer];
    if (email) await login(page, email);
    const before = await auditCount(email);
    const got: Record<string, string> = {};
    for (const action of adminActions()) got[action.name] = outcome(await callAction(page.request, action, inputs[action.name]));
    expect(got).toEqual(
      Object.fromEntries(
        Object.keys(inputs).map((name) => {
          if (viewer === "hr" && adminOnly.has(name)) return [name, "forbidden"];
          return [name, allowed && doneWhenAllowed.has(name) ? "done" : expected[viewer]];
        }),
      ),
    );
    if (allowed) await sql(`DELETE FROM "Deck" WHERE "slug" LIKE 'e2e-access-check%'`);
    else expect(await auditCount(email)).toBe(before);
  });
}
