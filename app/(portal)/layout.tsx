import { AppHeader } from "@/components/layout/app-header";
import { DemoNotice } from "@/components/layout/demo-notice";
import { getCurrentUser } from "@/lib/auth";

// The guard is in every page (requireUser with the page's own path, so login
// can return there); the layout only draws the header for a signed-in user.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <DemoNotice />
      {user && <AppHeader user={user} />}
      <main className="mx-auto max-w-5xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
