"use client";

import { useRouter } from "next/navigation";
import { deleteExamAction, setExamPublishedAction } from "@/lib/actions/admin/exams";
import { Button } from "@/components/ui/button";
import { FormErrors } from "@/components/ui/field";
import { messages } from "@/lib/i18n";
import { ConfirmDanger } from "./confirm-danger";
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
  return (
    <ConfirmDanger
      label={t.remove}
      question={t.confirmDelete(exam.title)}
      confirmLabel={t.confirm}
      pending={pending}
      errors={errors}
      onConfirm={(close) =>
        run({ id: exam.id }, () => {
          close();
          router.push("/admin/exams");
        })
      }
    />
  );
}
