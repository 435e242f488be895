import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** The two ways out of an edit conflict: save mine over the current version, or take the current one. */
export function ConflictChoice({ pending, onKeepMine, onTakeCurrent }: { pending: boolean; onKeepMine: () => void; onTakeCurrent: () => void }) {
  const t = messages().admin.conflict;
  return (
    <div className="flex flex-wrap gap-3">
      <Button type="button" disabled={pending} onClick={onKeepMine} className="w-full sm:w-auto">
        {t.keepMine}
      </Button>
      <Button type="button" variant="secondary" disabled={pending} onClick={onTakeCurrent} className="w-full sm:w-auto">
        {t.takeCurrent}
      </Button>
    </div>
  );
}
