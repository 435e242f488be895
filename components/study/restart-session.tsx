"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { restart } from "@/lib/actions/study";
import { Button } from "@/components/ui/button";
import { messages } from "@/lib/i18n";

export function RestartSession({ slug, mode }: { slug: string; mode: "CRAM" | "PRACTICE" }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await restart({ slug, mode });
          router.refresh();
        })
      }
    >
      {messages().study.restart}
    </Button>
  );
}
