"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { undo } from "@/lib/actions/study";
import { messages } from "@/lib/i18n";

export function UndoLastReview({ slug, reviewId }: { slug: string; reviewId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className="text-sm text-brand-700 hover:underline"
      onClick={() =>
        startTransition(async () => {
          await undo({ slug, reviewId });
          router.refresh();
        })
      }
    >
      {messages().study.undo}
    </button>
  );
}
