import { DemoNotice } from "@/components/layout/demo-notice";
import { messages } from "@/lib/i18n";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = messages();
  return (
    <>
      <DemoNotice />
      <main className="flex min-h-dvh items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <p className="text-2xl font-bold text-brand-700">{t.appName}</p>
            <p className="mt-1 text-sm text-slate-600">{t.appTagline}</p>
          </div>
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        </div>
      </main>
    </>
  );
}
