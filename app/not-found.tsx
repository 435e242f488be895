import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

export default function NotFound() {
  const t = messages().errors;
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t.notFoundTitle}</h1>
      <p className="mt-2 text-slate-600">{t.notFoundText}</p>
      <Link href="/" className={buttonClass("primary", "mt-6")}>
        {t.toHome}
      </Link>
    </main>
  );
}
