import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetDatabase } from "../testing/database";
import { corporateAccount } from "./corporate-account";

const claims = (email: string, extra: Record<string, unknown> = {}) => ({ sub: "idp-subject-1", email, email_verified: true, ...extra });

describe("corporateAccount", () => {
  beforeEach(resetDatabase);

  it("matches the provider's verified e-mail, lower-cased, to the active portal user with the portal's role", async () => {
    const head = await db.user.create({ data: { email: "zasypkin@company.example", name: "Засыпкин Иван", role: "HEAD" } });
    expect(await corporateAccount(claims("  Zasypkin@Company.Example ", { role: "ADMIN", name: "Someone Else" }))).toEqual({
      ok: true,
      user: { id: head.id, email: head.email, name: head.name, role: "HEAD" },
    });
  });

  it("refuses an unknown e-mail and creates no user", async () => {
    expect(await corporateAccount(claims("stranger@company.example"))).toEqual({ ok: false, reason: "unknown" });
    expect(await db.user.count()).toBe(0);
  });

  it("refuses a deactivated user and changes nothing about them", async () => {
    const gone = await db.user.create({ data: { email: "gone@company.example", name: "Ушедший", active: false } });
    expect(await corporateAccount(claims(gone.email))).toEqual({ ok: false, reason: "inactive" });
    expect(await db.user.findUniqueOrThrow({ where: { id: gone.id } })).toEqual(gone);
  });

  it.each([
    ["false", { email_verified: false }],
    ["missing", { email_verified: undefined }],
    ["the string true", { email_verified: "true" }],
  ])("refuses an e-mail whose email_verified is %s", async (_, extra) => {
    await db.user.create({ data: { email: "ivanov@company.example", name: "Иванов" } });
    expect(await corporateAccount(claims("ivanov@company.example", extra))).toEqual({ ok: false, reason: "unverified" });
  });

  it("refuses a profile without a usable e-mail", async () => {
    expect(await corporateAccount({ sub: "x", email_verified: true })).toEqual({ ok: false, reason: "unverified" });
    expect(await corporateAccount(claims("not-an-email"))).toEqual({ ok: false, reason: "unverified" });
    expect(await corporateAccount(undefined)).toEqual({ ok: false, reason: "unverified" });
  });
});
