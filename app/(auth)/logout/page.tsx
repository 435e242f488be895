import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { getCurrentUser, signOut } from "@/lib/auth";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages().logout.title };

async function logout() {
  "use server";
  await signOut({ redirectTo: "/login?loggedOut=1" });
}

export default async function LogoutPage() {
  const t = messages();
  if (!(await getCurrentUser())) redirect("/login");
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">{t.logout.title}</h1>
      <p className="mb-6 text-slate-600">{t.logout.text}</p>
      <form action={logout} className="flex gap-3">
        <button type="submit" className={buttonClass("primary", "flex-1")}>
          {t.logout.submit}
        </button>
        <Link href="/" className={buttonClass("secondary", "flex-1")}>
          {t.logout.cancel}
        </Link>
      </form>
    </>
  );
}
