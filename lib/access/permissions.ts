// One table of what each role may do. Pages, actions and route handlers check
// it on the server; the UI uses the same table only to hide what is not allowed.
import type { Role } from "../generated/prisma/enums";

export const roleAbilities = {
  study: ["EMPLOYEE", "HEAD", "HR", "ADMIN"],
  takeExams: ["EMPLOYEE", "HEAD", "HR", "ADMIN"],
  viewTeam: ["HEAD", "HR", "ADMIN"],
  viewAllDepartments: ["HR", "ADMIN"],
  manageContent: ["HR", "ADMIN"],
  manageUsers: ["HR", "ADMIN"],
  grantPrivilegedRoles: ["ADMIN"],
  manageSettings: ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof roleAbilities;

export function can(role: Role, ability: Ability): boolean {
  return (roleAbilities[ability] as readonly Role[]).includes(role);
}

export class AccessDenied extends Error {
  constructor(ability: Ability) {
    super(`Access denied: the role may not ${ability}`);
  }
}

const isPrivileged = (role: Role) => role === "HR" || role === "ADMIN";

/** Whether this viewer may change the account: an HR or ADMIN account only an admin may. */
export function mayManageAccount(viewer: { role: Role }, account: { role: Role }) {
  return can(viewer.role, "grantPrivilegedRoles") || !isPrivileged(account.role);
}

/** For lib/ functions: refuses a caller whose role lacks the ability. */
export function assertCan(user: { role: Role }, ability: Ability) {
  if (!can(user.role, ability)) throw new AccessDenied(ability);
}
