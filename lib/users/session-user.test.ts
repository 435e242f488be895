import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../auth";
import { db } from "../db";
import { seedPortal } from "../testing/fixtures";
import { createUser, setUserActive } from "../admin/users";
import { createUserSchema } from "../admin/users.schema";
import { viewer } from "../testing/database";
import { endSession, sessionUserWhere } from "./session-user";

let count = 0;
async function newUserId(hr: CurrentUser) {
  count++;
  const input = createUserSchema.parse({ name: `Сессиев Семён ${count}`, email: `session-${count}@company.example`, position: "", departmentId: "", role: "EMPLOYEE" });
  const outcome = await createUser(hr, { ...input, credential: "password" });
  if (!outcome.ok) throw new Error(`expected a user, got ${JSON.stringify(outcome)}`);
  return outcome.userId;
}

const stands = async (userId: string, signedInAt: number | undefined, sessionId: string | undefined) =>
  (await db.user.findFirst({ where: sessionUserWhere(userId, signedInAt, sessionId), select: { id: true } })) !== null;

describe("which sessions still stand", () => {
  let hr: CurrentUser;

  beforeAll(async () => {
    await seedPortal();
    hr = await viewer("hr@demo.local");
  });

  it("a logged-out session is refused from then on; the same person's other session stands", async () => {
    const userId = await newUserId(hr);
    const signedInAt = Date.now();
    const [loggedOut, other] = [randomUUID(), randomUUID()];
    expect(await stands(userId, signedInAt, loggedOut)).toBe(true);

    await endSession(loggedOut, userId, new Date(Date.now() + 60_000));
    expect(await stands(userId, signedInAt, loggedOut)).toBe(false);
    expect(await stands(userId, signedInAt, other)).toBe(true);
  });

  it("a token without a session id (issued before sessions could be ended) is refused", async () => {
    const userId = await newUserId(hr);
    expect(await stands(userId, Date.now(), undefined)).toBe(false);
  });

  it("reactivating an account does not revive a session from before its deactivation", async () => {
    const userId = await newUserId(hr);
    const before = Date.now() - 1;
    expect(await setUserActive(hr, { userId, active: false })).toEqual({ ok: true });
    expect(await setUserActive(hr, { userId, active: true })).toEqual({ ok: true });
    expect(await stands(userId, before, randomUUID())).toBe(false);
    expect(await stands(userId, Date.now(), randomUUID())).toBe(true);
  });

  it("ending a session removes the marks of sessions whose tokens have expired", async () => {
    const userId = await newUserId(hr);
    await endSession(randomUUID(), userId, new Date(Date.now() - 1000));
    const current = randomUUID();
    await endSession(current, userId, new Date(Date.now() + 60_000));
    expect((await db.revokedSession.findMany({ where: { userId }, select: { id: true } })).map((row) => row.id)).toEqual([current]);
  });
});
