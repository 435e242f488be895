import { AppHeader } from "@/components/layout/app-header";
import { requireUser } from "@/lib/auth";

// Every page below also checks the user itself: a layout does not re-run on
// every navigation, so it cannot be the only guard.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/");
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-5xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
