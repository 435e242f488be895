"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";

export function StartAttemptButton({ examId, label }: { examId: string; label: string }) {
  const t = messages().exams;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            try {
              const response = await fetch(`/api/exams/${examId}/attempts`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: "{}",
              });
              const result = (await response.json()) as { status: string; attemptId?: string };
              if (result.status === "started" && result.attemptId) router.push(`/attempts/${result.attemptId}`);
              else setError(t.startErrors[result.status] ?? t.startErrors.failed);
            } catch {
              setError(t.startErrors.failed);
            }
          })
        }
      >
        {pending ? t.starting : label}
      </Button>
    </div>
  );
}
