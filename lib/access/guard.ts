// The one session check every page, route handler and server action passes:
// signed in, active, not on HR's one-time password, allowed this ability. Each
// kind of entry point turns a refusal into its own answer (lib/auth.ts for pages,
// lib/api.ts for route handlers, lib/action.ts for server actions).
import "server-only";
import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { sessionUserWhere } from "../users/session-user";
import { can, type Ability } from "./permissions";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  position: string;
  role: Role;
  departmentId: string | null;
};

export type SessionUser = CurrentUser & { mustChangePassword: boolean };

export type Refusal = "unauthenticated" | "password-change-required" | "forbidden";

export type Guarded = { ok: true; user: CurrentUser } | { ok: false; refusal: Refusal };

export type GuardOptions = {
  ability?: Ability;
  /** Only the own-password page and its action let a person on a one-time password through. */
  allowOneTimePassword?: boolean;
};

/** The active user a session stands for, read from the database; null when it no longer counts. */
export function sessionUser(claims: { id?: string; signedInAt?: number; sessionId?: string } | undefined): Promise<SessionUser | null> {
  if (!claims?.id) return Promise.resolve(null);
  return db.user.findFirst({
    where: sessionUserWhere(claims.id, claims.signedInAt, claims.sessionId),
    select: { id: true, email: true, name: true, position: true, role: true, departmentId: true, mustChangePassword: true },
  });
}

export function checkSession(user: SessionUser | null, options: GuardOptions = {}): Guarded {
  if (!user) return { ok: false, refusal: "unauthenticated" };
  if (user.mustChangePassword && !options.allowOneTimePassword) return { ok: false, refusal: "password-change-required" };
  if (options.ability && !can(user.role, options.ability)) return { ok: false, refusal: "forbidden" };
  const { id, email, name, position, role, departmentId } = user;
  return { ok: true, user: { id, email, name, position, role, departmentId } };
}
