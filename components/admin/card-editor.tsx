"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { updateCardAction } from "@/lib/actions/admin/decks";
import { Markdown } from "@/components/content/markdown";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, Field } from "@/components/ui/field";
import { CARD_CHANGE_KINDS, type CardChangeKind, type CardText } from "@/lib/admin/cards.schema";
import { messages } from "@/lib/i18n";
import { ConflictChoice } from "./conflict-choice";
import { CardBackField } from "./card-back-field";
import { useChangeAction } from "./use-change-action";

type Status = "clean" | "dirty" | "saving" | "saved" | "error";

/** The back as employees see it: the study pages' own component. */
function Preview({ source, testId }: { source: string; testId: string }) {
  const t = messages().admin.cards;
  return (
    <div data-testid={testId} className="min-h-40 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      {source.trim() ? <Markdown source={source} /> : <p className="text-sm text-slate-500">{t.emptyPreview}</p>}
    </div>
  );
}

function Version({ title, text, testId }: { title: string; text: { front: string; back: string }; testId: string }) {
  return (
    <section data-testid={testId} className="space-y-2">
      <h3 className="font-semibold">{title}</h3>
      <p className="font-medium text-slate-800">{text.front}</p>
      <Preview source={text.back} testId={`${testId}-preview`} />
    </section>
  );
}

/**
 * Edits a card's front and Markdown back with a live preview (side by side on a
 * wide screen, tabs on a phone). Saves with the button or Ctrl+S, sending the
 * version the editing started from; a card changed meanwhile opens a conflict
 * panel with both versions, and the choice is HR's.
 */
export function CardEditor({ deckId, card }: { deckId: string; card: { id: string } & CardText }) {
  const t = messages().admin.cards;
  const [front, setFront] = useState(card.front);
  const [back, setBack] = useState(card.back);
  const [version, setVersion] = useState(card.version);
  const [saved, setSaved] = useState({ front: card.front, back: card.back });
  const [status, setStatus] = useState<"clean" | "saved">("clean");
  const [kind, setKind] = useState<CardChangeKind | "">("");
  const { errors, conflict, pending, run, clear } = useChangeAction(updateCardAction, t.errors);
  const [tab, setTab] = useState<"edit" | "preview">("edit");
  const root = useRef<HTMLDivElement>(null);
  const dirty = front !== saved.front || back !== saved.back;

  const save = useCallback(
    (baseVersion: number) => {
      const text = { front, back };
      run({ deckId, cardId: card.id, ...text, version: baseVersion, ...(kind ? { change: kind } : {}) }, (done) => {
        setVersion(done.version);
        setSaved(text);
        setKind("");
        setStatus("saved");
      });
    },
    [back, card.id, deckId, front, kind, run],
  );

  // The latest save for the keyboard listener, registered once.
  const saveRef = useRef(() => {});
  useEffect(() => {
    saveRef.current = () => {
      if (!pending && !conflict) save(version);
    };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    root.current?.setAttribute("data-ready", "true");
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function takeCurrent(current: CardText) {
    setFront(current.front);
    setBack(current.back);
    setVersion(current.version);
    setSaved({ front: current.front, back: current.back });
    clear();
    setStatus("clean");
  }

  const shown: Status = pending ? "saving" : Object.keys(errors).length > 0 ? "error" : dirty || conflict ? "dirty" : status;
  const statusText = { clean: t.version(version), dirty: t.unsaved, saving: t.saving, saved: t.saved, error: errors.form?.[0] ?? t.errors.failed }[shown];
  const tabClass = (selected: boolean) =>
    `flex-1 rounded-lg px-3 py-2 text-sm font-medium ${selected ? "bg-white text-slate-900 shadow-sm" : "text-slate-600"}`;

  return (
    <div ref={root} className="space-y-4" data-testid="card-editor">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          saveRef.current();
        }}
      >
        <Field
          id="card-front"
          name="front"
          label={t.front}
          value={front}
          maxLength={200}
          required
          onChange={(event) => setFront(event.target.value)}
          error={errors.front?.[0]}
        />

        <div className="flex gap-1 rounded-lg bg-slate-100 p-1 md:hidden" role="tablist" aria-label={t.tabsLabel}>
          <button type="button" role="tab" aria-selected={tab === "edit"} className={tabClass(tab === "edit")} onClick={() => setTab("edit")}>
            {t.edit}
          </button>
          <button type="button" role="tab" aria-selected={tab === "preview"} className={tabClass(tab === "preview")} onClick={() => setTab("preview")}>
            {t.preview}
          </button>
        </div>

        <div className="grid gap-4 md:grid-cols-2">
          <div className={`space-y-1 ${tab === "edit" ? "" : "hidden md:block"}`}>
            <CardBackField
              id="card-back"
              value={back}
              onChange={(event) => setBack(event.target.value)}
              rows={20}
              className="min-h-80"
              error={errors.back?.[0]}
            />
          </div>
          <div className={`space-y-1 ${tab === "preview" ? "" : "hidden md:block"}`}>
            <p className="text-sm font-medium text-slate-700">{t.preview}</p>
            <Preview source={back} testId="card-preview" />
          </div>
        </div>

        {dirty && (
          <ChoiceGroup
            name="change"
            legend={t.changeKind}
            value={kind}
            options={CARD_CHANGE_KINDS.map((value) => ({ value, ...t.changeKinds[value] }))}
            onChange={setKind}
            error={errors.change?.[0]}
          />
        )}

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending || conflict !== null} aria-busy={pending || undefined} className="w-full sm:w-auto">
            {pending ? t.saving : t.save}
          </Button>
          <span role="status" data-testid="card-save-status" data-status={shown} className={`text-sm ${shown === "error" ? "text-red-700" : "text-slate-600"}`}>
            {statusText}
          </span>
          <span className="hidden text-xs text-slate-500 sm:inline">{t.shortcut}</span>
        </div>
      </form>

      {conflict && (
        <section role="alert" data-testid="card-conflict" className="space-y-4 rounded-xl border border-amber-300 bg-amber-50 p-4">
          <div>
            <h2 className="text-lg font-semibold">{t.conflictTitle}</h2>
            <p className="text-sm text-slate-700">{t.conflictText}</p>
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <Version title={t.yours} text={{ front, back }} testId="conflict-yours" />
            <Version title={t.theirs(conflict.version)} text={conflict} testId="conflict-current" />
          </div>
          <ConflictChoice pending={pending} onKeepMine={() => save(conflict.version)} onTakeCurrent={() => takeCurrent(conflict)} />
        </section>
      )}
    </div>
  );
}
