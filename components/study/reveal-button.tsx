import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** «Show the answer», with its keyboard hint (Space). */
export function RevealButton({ onReveal }: { onReveal: () => void }) {
  const t = messages().study;
  return (
    <div className="px-5 py-8 text-center">
      <Button type="button" onClick={onReveal}>
        {t.reveal} <kbd className="rounded border border-white/60 px-1.5 text-xs">{t.revealHint}</kbd>
      </Button>
    </div>
  );
}
