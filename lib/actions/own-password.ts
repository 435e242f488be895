"use server";

import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, OWN_PASSWORD_PATH, signIn } from "../auth";
import { loginPath } from "../access/return-path";
import { clientAddress } from "../users/client-address";
import { KNOWN_DEVICE_COOKIE } from "../users/known-device";
import { changeOwnPassword } from "../users/own-password";

export type OwnPasswordState = { fieldErrors?: { current?: string; password?: string; confirmation?: string } };

export async function changePassword(_previous: OwnPasswordState, formData: FormData): Promise<OwnPasswordState> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPath(OWN_PASSWORD_PATH));
  const input = {
    current: String(formData.get("current") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirmation: String(formData.get("confirmation") ?? ""),
  };
  const knownDevice = (await cookies()).get(KNOWN_DEVICE_COOKIE)?.value;
  const result = await changeOwnPassword(user, input, clientAddress(await headers()), new Date(), knownDevice);
  if (result.status === "invalid") {
    const { current, password, confirmation } = result.fieldErrors;
    return { fieldErrors: { current: current?.[0], password: password?.[0], confirmation: confirmation?.[0] } };
  }
  // The change ended every session, this one too: sign in again with the new password.
  try {
    await signIn("credentials", { email: user.email, password: input.password, redirectTo: user.mustChangePassword ? "/" : "/settings?passwordChanged=1" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/login?passwordSet=1");
    throw error; // the redirect after signing in
  }
  return {};
}
