import Link from "next/link";
import { messages } from "@/lib/i18n";

/** «← previous · page N of M · next →» for a paged list; nothing when there is one page. */
export function Pager({
  page,
  pages,
  hrefOf,
  label,
  labels,
}: {
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  /** What the navigation is called for screen readers. */
  label: string;
  /** Words for the two links when "back" and "forward" would mislead (e.g. newer / older). */
  labels?: { previous: string; next: string };
}) {
  if (pages <= 1) return null;
  const t = messages().pager;
  const { previous, next } = labels ?? t;
  return (
    <nav className="flex items-center justify-between text-sm" aria-label={label}>
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} className="text-brand-700">
          {previous}
        </Link>
      ) : (
        <span />
      )}
      <span>{t.page(page, pages)}</span>
      {page < pages ? (
        <Link href={hrefOf(page + 1)} className="text-brand-700">
          {next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
