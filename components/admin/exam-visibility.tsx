"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { deleteExamAction, setExamPublishedAction } from "@/app/(portal)/admin/exams/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { FormErrors } from "@/components/ui/field";
import { messages } from "@/lib/i18n";
import { useChangeAction } from "./use-change-action";

export function ExamPublishToggle({ exam }: { exam: { id: string; published: boolean } }) {
  const t = messages().admin.examEditor;
  const { errors, pending, run } = useChangeAction(setExamPublishedAction, t.errors);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="exam-visibility">
        {exam.published ? t.isPublished : t.isUnpublished}
      </p>
      <Button
        type="button"
        variant={exam.published ? "secondary" : "primary"}
        disabled={pending}
        aria-busy={pending || undefined}
        onClick={() => run({ id: exam.id, published: !exam.published })}
      >
        {pending ? messages().admin.saving : exam.published ? t.unpublish : t.publish}
      </Button>
      <FormErrors messages={[...(errors.published ?? []), ...(errors.form ?? [])]} />
    </div>
  );
}

/** Deleting takes a second, explicit confirmation; an exam somebody took is refused with the reason. */
export function ExamDeleteForm({ exam }: { exam: { id: string; title: string } }) {
  const t = messages().admin.examEditor;
  const router = useRouter();
  const { errors, pending, run } = useChangeAction(deleteExamAction, t.errors);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {confirming ? (
        <form
          className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3"
          onSubmit={(event) => {
            event.preventDefault();
            run({ id: exam.id }, () => router.push("/admin/exams"));
            setConfirming(false);
          }}
        >
          <p className="text-sm text-red-800">{t.confirmDelete(exam.title)}</p>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={pending} aria-busy={pending || undefined} className={buttonClass("danger")}>
              {t.confirm}
            </button>
            {/* Focus lands on the harmless choice, so a stray Enter deletes nothing. */}
            <Button type="button" variant="ghost" autoFocus onClick={() => setConfirming(false)}>
              {t.cancel}
            </Button>
          </div>
        </form>
      ) : (
        <button type="button" disabled={pending} className={buttonClass("dangerOutline", "w-full sm:w-auto")} onClick={() => setConfirming(true)}>
          {pending ? messages().admin.saving : t.remove}
        </button>
      )}
      <FormErrors messages={[...(errors.id ?? []), ...(errors.form ?? [])]} />
    </div>
  );
}
