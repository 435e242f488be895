import { z } from "zod";
import { db } from "../db";
import { env, type Env } from "../env";
import { messages } from "../i18n";
import type { Role } from "../generated/prisma/enums";
import { knownDeviceId, knownDeviceToken } from "./known-device";
import { reserveSignIn, signInSucceeded } from "./login-throttle";
import { hashPassword, needsRehash, verifyPassword } from "./password";
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
  | { ok: true; user: { id: string; email: string; name: string; role: Role }; knownDevice: string | null }
  | { ok: false; reason: "invalid" }
  /** The right password of someone who must sign in with the corporate account (PASSWORD_SIGN_IN=admins). */
  | { ok: false; reason: "password-off" }
  | { ok: false; reason: "throttled"; retryAt: Date };

// Compared against when the account does not exist, so both cases take as long.
const absentAccountHash = "$argon2id$v=19$m=19456,t=2,p=1$Qg7jQg3k+qHA/yXb/kkOvQ$EknUTEp5RO5sjc4BMiILqSDF7WKorqqyEPVzxZZ9tdQ";

/**
 * Checks an email and password under the sign-in limits (lib/users/login-throttle.ts), counted
 * before the hash. `knownDevice` is the cookie a successful sign-in returns, from an earlier one.
 * With `passwordSignIn` "admins", only an ADMIN gets in with a password.
 */
export async function checkCredentials(
  input: unknown,
  address: string,
  now = new Date(),
  knownDevice?: string | null,
  passwordSignIn: Env["PASSWORD_SIGN_IN"] = env().PASSWORD_SIGN_IN,
): Promise<SignInCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const client = { email, address, deviceId: knownDeviceId(knownDevice, email) };
  const reservation = await reserveSignIn(client, now);
  if (!reservation.allowed) return { ok: false, reason: "throttled", retryAt: reservation.retryAt };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? absentAccountHash);
  if (!user || !user.active || !user.passwordHash || !passwordMatches) return { ok: false, reason: "invalid" };
  await signInSucceeded(client, now);
  if (passwordSignIn === "admins" && user.role !== "ADMIN") return { ok: false, reason: "password-off" };
  if (needsRehash(user.passwordHash)) {
    // Only if the hash is still the one checked: a password set meanwhile stays.
    await db.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: await hashPassword(password) } });
  }
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    knownDevice: client.deviceId && knownDevice ? knownDevice : knownDeviceToken(email),
  };
}
