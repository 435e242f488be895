"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";

/** Runs a study action, then re-renders the page from the server (which picks what comes next). */
export function useRefreshingAction(failedMessage: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<{ ok: boolean }>) {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      try {
        if (!(await action()).ok) throw new Error("refused");
        router.refresh();
      } catch {
        setError(failedMessage);
      }
    });
  }
  return { pending, error, run };
}

const typingTarget = 'input:not([type="checkbox"]):not([type="radio"]), textarea, select';

/** Space reveals the card; once revealed, the given digit keys answer it. Returns the session's root ref. */
export function useFlashcardKeys(options: { revealed: boolean; reveal: () => void; answerKeys: string[]; answer: (key: string) => void }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLElement && event.target.closest(typingTarget)) return;
      if (event.key === " " && !options.revealed) {
        event.preventDefault();
        options.reveal();
      } else if (options.revealed && options.answerKeys.includes(event.key)) {
        event.preventDefault();
        options.answer(event.key);
      }
    }
    window.addEventListener("keydown", onKey);
    // Marks the keyboard as live (tests wait for it before pressing keys).
    root.current?.setAttribute("data-keyboard", "ready");
    return () => window.removeEventListener("keydown", onKey);
  });
  return root;
}
