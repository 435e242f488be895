import { z } from "zod";
import { db } from "../db";
import { messages } from "../i18n";
import type { Role } from "../generated/prisma/enums";
import { clearFailedLogins, lockedUntil, accountKey, addressKey, recordFailedLogin } from "./login-throttle";
import { verifyPassword } from "./password";
import { signInPasswordSchema } from "./password-rules";

const t = messages();

export const credentialsSchema = z.object({
  email: z
    .string({ error: t.login.emailInvalid })
    .trim()
    .pipe(z.email({ error: t.login.emailInvalid }).max(254, { error: t.login.emailInvalid }))
    .transform((email) => email.toLowerCase()),
  password: signInPasswordSchema,
});

export type SignInCheck =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

// Compared against when the account does not exist, so both cases take as long.
const absentAccountHash = "$2b$11$ZSsVLVvPOaiYOdG7YMs.AuIK6Flrdr7J6qzDwIUuZSU/7Xirzsy3S";

/** Checks an email and password, counting failures per account and per address. */
export async function checkCredentials(input: unknown, address: string, now = new Date()): Promise<SignInCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const retryAt = await lockedUntil([accountKey(email), addressKey(address)], now);
  if (retryAt) return { ok: false, reason: "throttled", retryAt };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? absentAccountHash);
  if (!user || !user.active || !user.passwordHash || !passwordMatches) {
    await recordFailedLogin(email, address, now);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedLogins(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
