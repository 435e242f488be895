// A person changes their own password: after a one-time password from HR (required
// before anything else), or whenever they like from the settings.
import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { messages } from "../i18n";
import { knownDeviceId } from "./known-device";
import { reserveSignIn, secondsUntil, signInSucceeded } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { newPasswordSchema, signInPasswordSchema } from "./password-rules";

const t = () => messages().ownPassword.errors;

export const ownPasswordSchema = z.object({ current: signInPasswordSchema }).and(newPasswordSchema);

export type OwnPasswordResult =
  | { status: "done" }
  | { status: "invalid"; fieldErrors: Partial<Record<"current" | "password" | "confirmation", string[]>> };

/**
 * Checks the current password — under the sign-in limits, so a session left open is no way to
 * guess it; `knownDevice` is this browser's known-device cookie — and the password rules, then stores the new one and ends every
 * session signed in before now (this one too: the caller signs in again). Audited without any
 * password.
 */
export async function changeOwnPassword(
  user: CurrentUser,
  input: unknown,
  address: string,
  now = new Date(),
  knownDevice?: string,
): Promise<OwnPasswordResult> {
  const parsed = ownPasswordSchema.safeParse(input);
  if (!parsed.success) return { status: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const { current, password } = parsed.data;
  const client = { email: user.email, address, deviceId: knownDeviceId(knownDevice, user.email) };
  const reservation = await reserveSignIn(client, now);
  if (!reservation.allowed) {
    return { status: "invalid", fieldErrors: { current: [messages().login.throttled(secondsUntil(reservation.retryAt, now))] } };
  }
  const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!stored.passwordHash || !(await verifyPassword(current, stored.passwordHash))) {
    return { status: "invalid", fieldErrors: { current: [t().currentWrong] } };
  }
  await signInSucceeded(client, now);
  if (password === current) return { status: "invalid", fieldErrors: { password: [t().unchanged] } };
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, credentialsChangedAt: new Date() },
    });
    await recordAudit(tx, { actorId: user.id, action: "user.password-change", entity: "user", entityId: user.id });
  });
  return { status: "done" };
}
