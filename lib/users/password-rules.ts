// The one definition of what a password may be: sign-in accepts any non-empty one up
// to the maximum; a password a person chooses (on the set-password page) must also be
// long enough. Shared by the server's checks and the forms, so no server-only code here.
import { z } from "zod";
import { messages } from "../i18n";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const t = () => messages().setPassword.errors;

/** A password typed at sign-in. */
export const signInPasswordSchema = z
  .string({ error: () => messages().login.passwordRequired })
  .min(1, { error: () => messages().login.passwordRequired })
  .max(PASSWORD_MAX_LENGTH);

/** A new password, typed twice. */
export const newPasswordSchema = z
  .object({
    password: z
      .string({ error: () => t().tooShort(PASSWORD_MIN_LENGTH) })
      .min(PASSWORD_MIN_LENGTH, { error: () => t().tooShort(PASSWORD_MIN_LENGTH) })
      .max(PASSWORD_MAX_LENGTH, { error: () => t().tooLong(PASSWORD_MAX_LENGTH) }),
    confirmation: z.string({ error: () => t().mismatch }),
  })
  .refine((input) => input.password === input.confirmation, { path: ["confirmation"], error: () => t().mismatch });
