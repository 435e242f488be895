import { connection } from "next/server";
import { demoModeActive } from "@/lib/admin/demo";
import { messages } from "@/lib/i18n";

/** On every page while a demo account or a demo password remains (lib/admin/demo.ts). */
export async function DemoNotice() {
  await connection();
  if (!(await demoModeActive())) return null;
  const t = messages().admin.demo;
  return (
    <div role="status" data-testid="demo-notice" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
      <strong>{t.notice}.</strong> {t.noticeText}
    </div>
  );
}
