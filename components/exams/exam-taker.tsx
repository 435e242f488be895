"use client";

// Taking an exam. Every answer is saved as soon as it is given (debounced) with
// a per-item counter, so a late-arriving old save never overwrites a newer one;
// unsaved answers are kept in localStorage and retried until the server has
// them. The countdown runs from the server's remaining time, re-synced on every save.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { initialResponse, QuestionInput, type QuestionPayloadView, type ResponseValue } from "@/components/questions/question-input";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { messages } from "@/lib/i18n";
import { formatCountdown } from "@/lib/i18n/format";

export type TakerItem = {
  id: string;
  position: number;
  type: string;
  prompt: string;
  payload: QuestionPayloadView;
  response: ResponseValue;
  responseSeq: number;
  flagged: boolean;
};

type Props = {
  attemptId: string;
  examTitle: string;
  items: TakerItem[];
  remainingMs: number;
  sequential: boolean;
  cursor: number;
};

type SaveState = "saved" | "saving" | "unsaved";
type Pending = Record<string, { response: ResponseValue; seq: number }>;

const SAVE_DEBOUNCE_MS = 500;
const RETRY_MS = 3000;

export function ExamTaker({ attemptId, examTitle, items, remainingMs, sequential, cursor }: Props) {
  const t = messages().exams;
  const router = useRouter();
  const storageKey = `attempt:${attemptId}:unsaved`;
  // Responses given or saved; an untouched item shows its initial value (computed
  // at render, since in sequential mode a question's content arrives only when reached).
  const [responses, setResponses] = useState<Record<string, ResponseValue>>(() =>
    Object.fromEntries(items.filter((item) => item.response !== null).map((item) => [item.id, item.response])),
  );
  const [answered, setAnswered] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(items.map((item) => [item.id, item.response !== null])),
  );
  const [saveState, setSaveState] = useState<Record<string, SaveState>>({});
  const [flagged, setFlagged] = useState<Record<string, boolean>>(() => Object.fromEntries(items.map((i) => [i.id, i.flagged])));
  const [current, setCurrent] = useState(sequential ? Math.min(cursor, items.length - 1) : 0);
  const [offline, setOffline] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [deadline, setDeadline] = useState(() => Date.now() + remainingMs);
  const seqs = useRef<Record<string, number>>(Object.fromEntries(items.map((item) => [item.id, item.responseSeq])));
  const pending = useRef<Pending>({});
  const timers = useRef<Record<string, ReturnType<typeof setTimeout>>>({});
  const finished = useRef(false);
  const root = useRef<HTMLDivElement>(null);

  const goToResult = useCallback(() => {
    finished.current = true;
    localStorage.removeItem(storageKey);
    router.replace(`/attempts/${attemptId}/result`);
  }, [attemptId, router, storageKey]);

  const persist = useCallback(() => {
    if (Object.keys(pending.current).length) localStorage.setItem(storageKey, JSON.stringify(pending.current));
    else localStorage.removeItem(storageKey);
  }, [storageKey]);

  const send = useCallback(
    async (itemId: string) => {
      const entry = pending.current[itemId];
      if (!entry || finished.current) return;
      setSaveState((state) => ({ ...state, [itemId]: "saving" }));
      try {
        const response = await fetch(`/api/attempts/${attemptId}/items/${itemId}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ response: entry.response, seq: entry.seq }),
        });
        const result = (await response.json()) as { status: string; remainingMs?: number };
        setOffline(false);
        if (result.status === "finished" || result.status === "late") return goToResult();
        if (typeof result.remainingMs === "number") setDeadline(Date.now() + result.remainingMs);
        if (result.status === "saved" || result.status === "stale") {
          if (pending.current[itemId]?.seq === entry.seq) delete pending.current[itemId];
          persist();
          setSaveState((state) => ({ ...state, [itemId]: pending.current[itemId] ? "unsaved" : "saved" }));
        } else {
          setSaveState((state) => ({ ...state, [itemId]: "unsaved" }));
        }
      } catch {
        setOffline(true);
        setSaveState((state) => ({ ...state, [itemId]: "unsaved" }));
      }
    },
    [attemptId, goToResult, persist],
  );

  const queueSave = useCallback(
    (itemId: string, response: ResponseValue, immediately = false) => {
      seqs.current[itemId] = (seqs.current[itemId] ?? 0) + 1;
      pending.current[itemId] = { response, seq: seqs.current[itemId] };
      persist();
      setSaveState((state) => ({ ...state, [itemId]: "unsaved" }));
      clearTimeout(timers.current[itemId]);
      timers.current[itemId] = setTimeout(() => void send(itemId), immediately ? 0 : SAVE_DEBOUNCE_MS);
    },
    [persist, send],
  );

  const flush = useCallback(async () => {
    await Promise.all(Object.keys(pending.current).map((itemId) => send(itemId)));
    return Object.keys(pending.current).length === 0;
  }, [send]);

  // Answers left unsaved by a previous page (network lost, then reload) are sent again.
  useEffect(() => {
    const stored = localStorage.getItem(storageKey);
    if (!stored) return;
    const unsaved = JSON.parse(stored) as Pending;
    for (const [itemId, entry] of Object.entries(unsaved)) {
      if (!(itemId in seqs.current) || entry.seq <= seqs.current[itemId]) continue;
      seqs.current[itemId] = entry.seq;
      pending.current[itemId] = entry;
      setResponses((state) => ({ ...state, [itemId]: entry.response }));
      setAnswered((state) => ({ ...state, [itemId]: entry.response !== null }));
      void send(itemId);
    }
  }, [send, storageKey]);

  useEffect(() => {
    // Marks the page as interactive (tests wait for it before answering).
    root.current?.setAttribute("data-ready", "true");
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const retry = setInterval(() => void flush(), RETRY_MS);
    const online = () => void flush();
    const offlineNow = () => setOffline(true);
    window.addEventListener("online", online);
    window.addEventListener("offline", offlineNow);
    return () => {
      clearInterval(tick);
      clearInterval(retry);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offlineNow);
    };
  }, [flush]);

  const left = deadline - now;

  const submit = useCallback(async () => {
    if (submitting) return;
    setSubmitting(true);
    await flush();
    try {
      await fetch(`/api/attempts/${attemptId}/submit`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      goToResult();
    } catch {
      setOffline(true);
      setSubmitting(false);
    }
  }, [attemptId, flush, goToResult, submitting]);

  useEffect(() => {
    if (left <= 0 && !finished.current && !submitting) void submit();
  }, [left, submit, submitting]);

  const unansweredCount = useMemo(() => items.filter((item) => !answered[item.id]).length, [answered, items]);
  const item = items[current];

  async function next() {
    if (sequential) {
      if (!(await flush())) return;
      await fetch(`/api/attempts/${attemptId}/cursor`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ from: item.position }),
      }).catch(() => setOffline(true));
      router.refresh();
    }
    setCurrent((index) => Math.min(index + 1, items.length - 1));
  }

  async function toggleFlag() {
    const value = !flagged[item.id];
    setFlagged((state) => ({ ...state, [item.id]: value }));
    await fetch(`/api/attempts/${attemptId}/items/${item.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ flagged: value }),
    }).catch(() => setOffline(true));
  }

  const stateLabel = (state: SaveState | undefined) =>
    state === "saving" ? t.saving : state === "unsaved" ? t.notSaved : answered[item.id] ? t.saved : "";

  return (
    <div ref={root} className="space-y-4" data-testid="exam-taker">
      <div className="sticky top-0 z-10 -mx-4 flex items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur">
        <span className="truncate font-medium">{examTitle}</span>
        <span className={`font-mono text-lg tabular-nums ${left < 60_000 ? "text-rose-700" : ""}`} aria-label={t.remaining} data-testid="countdown">
          {formatCountdown(left)}
        </span>
      </div>
      {offline && <Notice tone="error">{t.offline}</Notice>}

      <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="question-title">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-500">
          <span>{t.question(current + 1, items.length)}</span>
          <span data-testid="save-state" data-state={saveState[item.id] ?? (answered[item.id] ? "saved" : "empty")}>
            {stateLabel(saveState[item.id])}
          </span>
        </div>
        <h2 id="question-title" className="text-lg font-semibold" data-testid="question-prompt">
          {item.prompt}
        </h2>
        <QuestionInput
          key={item.id}
          name={`item-${item.id}`}
          type={item.type}
          payload={item.payload}
          value={item.id in responses ? responses[item.id] : initialResponse(item.type, item.payload)}
          disabled={submitting}
          onChange={(value) => {
            setResponses((state) => ({ ...state, [item.id]: value }));
            setAnswered((state) => ({ ...state, [item.id]: value !== null }));
            queueSave(item.id, value);
          }}
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <button type="button" onClick={toggleFlag} className="text-sm text-amber-800 hover:underline" aria-pressed={flagged[item.id]}>
            {flagged[item.id] ? `★ ${t.unflag}` : `☆ ${t.flag}`}
          </button>
          <div className="flex gap-2">
            {!sequential && (
              <Button type="button" variant="secondary" disabled={current === 0} onClick={() => setCurrent(current - 1)}>
                {t.previous}
              </Button>
            )}
            <Button type="button" variant="secondary" disabled={current === items.length - 1} onClick={() => void next()}>
              {t.nextQuestion}
            </Button>
          </div>
        </div>
      </section>

      <nav aria-label={t.overview} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-medium text-slate-700">{t.overview}</h2>
        <ol className="grid grid-cols-6 gap-2 sm:grid-cols-10" data-testid="overview">
          {items.map((entry, index) => (
            <li key={entry.id}>
              <button
                type="button"
                disabled={sequential}
                onClick={() => setCurrent(index)}
                aria-current={index === current ? "step" : undefined}
                data-answered={answered[entry.id] ? "yes" : "no"}
                data-flagged={flagged[entry.id] ? "yes" : "no"}
                className={`relative w-full rounded-md border py-1.5 text-sm ${answered[entry.id] ? "border-brand-600 bg-brand-50" : "border-slate-300"} ${index === current ? "ring-2 ring-brand-600" : ""}`}
              >
                {index + 1}
                {flagged[entry.id] && <span className="absolute -right-1 -top-1 text-xs text-amber-600">★</span>}
              </button>
            </li>
          ))}
        </ol>
        <p className="mt-2 text-xs text-slate-500">
          <span className="mr-3">■ {t.legendAnswered}</span>
          <span className="mr-3">□ {t.legendUnanswered}</span>
          <span>★ {t.legendFlagged}</span>
        </p>
      </nav>

      {confirming ? (
        <div className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text">{t.confirmUnanswered(unansweredCount)}</p>
          <div className="flex gap-2">
            <Button type="button" onClick={() => void submit()} disabled={submitting}>
              {submitting ? t.submitting : t.confirm}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t.cancel}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" disabled={submitting} onClick={() => (unansweredCount > 0 ? setConfirming(true) : void submit())}>
          {submitting ? t.submitting : t.submit}
        </Button>
      )}
    </div>
  );
}
