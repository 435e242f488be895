import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

/** An admin form's submit button: disabled and saying so while the change is saved. */
export function SubmitButton({ pending, label, variant }: { pending: boolean; label: string; variant?: "primary" | "secondary" }) {
  return (
    <Button type="submit" variant={variant ?? "secondary"} disabled={pending} aria-busy={pending || undefined} className="w-full sm:w-auto">
      {pending ? messages().admin.saving : label}
    </Button>
  );
}
