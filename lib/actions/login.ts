"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { CORPORATE_PROVIDER, signIn, TooManyAttempts } from "../auth";
import { safeReturnPath } from "../access/return-path";
import { messages } from "../i18n";
import { secondsUntil } from "../users/login-throttle";
import { credentialsSchema } from "../users/credentials";

export type LoginState = {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
};

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const t = messages();
  const email = String(formData.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) {
    const fields = parsed.error.flatten().fieldErrors;
    return { email, fieldErrors: { email: fields.email?.[0], password: fields.password?.[0] } };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof TooManyAttempts) return { email, error: t.login.throttled(secondsUntil(error.retryAt)) };
    if (error instanceof CredentialsSignin && error.code === "password-off") return { email, error: t.login.passwordOff };
    if (error instanceof CredentialsSignin) return { email, error: t.login.invalid };
    if (error instanceof AuthError) return { email, error: t.login.failed };
    throw error; // the redirect after a successful sign-in
  }
}

/** Sends the browser to the corporate identity provider; Auth.js brings it back to its callback route. */
export async function corporateLogin(formData: FormData) {
  await signIn(CORPORATE_PROVIDER, { redirectTo: safeReturnPath(formData.get("callbackUrl")) });
}
