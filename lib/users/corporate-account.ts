// Who may enter through the corporate identity provider (OpenID Connect): only people HR already
// manages. The provider vouches for an e-mail; the portal decides who that is and what they may do.
import { z } from "zod";
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";

const verifiedEmail = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  email_verified: z.literal(true),
});

export type CorporateAccount =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "unverified" | "unknown" | "inactive" };

/**
 * The active portal user whose e-mail the provider's claims name and have verified. Creates and
 * changes nothing: the role, department and name stay HR's, whatever the provider says.
 */
export async function corporateAccount(claims: unknown): Promise<CorporateAccount> {
  const parsed = verifiedEmail.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: "unverified" };
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user) return { ok: false, reason: "unknown" };
  if (!user.active) return { ok: false, reason: "inactive" };
  const { id, email, name, role } = user;
  return { ok: true, user: { id, email, name, role } };
}
