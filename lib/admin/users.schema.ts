// A user's fields as HR's forms and the users list's URL send them: the schemas lib/admin/users.ts
// checks with, and their types (this file is safe for the browser).
import { z } from "zod";
import { Role } from "../generated/prisma/enums";
import { messages } from "../i18n";
import type { IssuedLink } from "../users/password-links";
import { recordIdField } from "./fields";

const t = messages().admin.users;

export const USERS_PAGE_SIZE = 50;
export const USER_STATUSES = ["active", "inactive", "all"] as const;

/** The list's URL parameters: anything malformed falls back to "no filter". */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(Role).optional().catch(undefined),
  department: z.string().max(64).optional().catch(undefined),
  status: z.enum(USER_STATUSES).default("all").catch("all"),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

/** The fields HR edits on a user (a form sends "" for "no department"). */
export const userFieldsSchema = z.object({
  name: z.string({ error: t.errors.name }).trim().min(1, { error: t.errors.name }).max(200, { error: t.errors.name }),
  position: z.string({ error: t.errors.position }).trim().max(200, { error: t.errors.position }),
  departmentId: z
    .string({ error: t.errors.departmentId })
    .max(64, { error: t.errors.departmentId })
    .nullable()
    .transform((id) => id || null),
  role: z.enum(Role, { error: t.errors.role }),
});
export type UserFields = z.infer<typeof userFieldsSchema>;

export const createUserSchema = userFieldsSchema.extend({
  email: z
    .string({ error: t.errors.email })
    .trim()
    .pipe(z.email({ error: t.errors.email }).max(254, { error: t.errors.email }))
    .transform((email) => email.toLowerCase()),
});

const userId = recordIdField(() => t.errors.notFound);

/** How the person gets in: a one-time password HR passes on, a link to set their own shown to HR, or that link e-mailed to them. */
export const CREDENTIAL_KINDS = ["password", "link", "email"] as const;
const credential = z.enum(CREDENTIAL_KINDS, { error: t.errors.credential }).default("password");
export type CredentialKind = z.output<typeof credential>;

export const createUserInputSchema = createUserSchema.extend({ credential });
export const updateUserSchema = userFieldsSchema.extend({ userId });
export const setUserActiveSchema = z.object({ userId, active: z.boolean() });
export const resetPasswordSchema = z.object({ userId, credential });

export type CreateUserInput = z.input<typeof createUserInputSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** Shown to HR once; never stored (a password only as its hash, a link only as its token's hash) nor logged. */
export type IssuedCredential =
  | { kind: "password"; password: string }
  | ({ kind: "link" } & IssuedLink)
  /** The link went to the outbox: HR sees only where and until when. */
  | { kind: "email"; email: string; expiresAt: Date };
