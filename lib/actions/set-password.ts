"use server";

import { redirect } from "next/navigation";
import { messages } from "../i18n";
import { setPasswordWithLink } from "../users/password-links";

export type SetPasswordState = {
  error?: string;
  fieldErrors?: { password?: string; confirmation?: string };
};

/** Public: the token in the form is the only credential; on success the person signs in with the new password. */
export async function setPassword(_previous: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  const result = await setPasswordWithLink({
    token: String(formData.get("token") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirmation: String(formData.get("confirmation") ?? ""),
  });
  if (result.status === "done") redirect("/login?passwordSet=1");
  if (result.status === "invalid") {
    return { fieldErrors: { password: result.fieldErrors.password?.[0], confirmation: result.fieldErrors.confirmation?.[0] } };
  }
  return { error: messages().setPassword.problems[result.status] };
}
