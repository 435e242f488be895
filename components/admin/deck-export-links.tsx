import { buttonClass } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** Downloads of the deck: its content/ archive (to edit and import back) and its questions as CSV. */
export function DeckExportLinks({ deckId }: { deckId: string }) {
  const t = messages().admin.contentTransfer;
  const base = `/admin/decks/${encodeURIComponent(deckId)}/export`;
  return (
    <section aria-label={t.exportTitle} className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <a href={`${base}/zip`} download className={buttonClass("secondary")} data-testid="deck-export-zip">
          {t.exportZip}
        </a>
        <a href={`${base}/csv`} download className={buttonClass("secondary")} data-testid="deck-export-csv">
          {t.exportCsv}
        </a>
      </div>
      <p className="text-xs text-slate-600">{t.exportHint}</p>
    </section>
  );
}
