"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { createDeckAction, deleteDeckAction, setDeckPublishedAction, updateDeckAction } from "@/lib/actions/admin/decks";
import { Button } from "@/components/ui/button";
import { Field, FormErrors, TextAreaField } from "@/components/ui/field";
import { DECK_DESCRIPTION_MAX, DECK_TITLE_MAX } from "@/lib/admin/decks.schema";
import { messages } from "@/lib/i18n";
import { ConfirmDanger } from "./confirm-danger";
import { useChangeAction } from "./use-change-action";

export function DescriptionField({
  id,
  error,
  value,
  onChange,
  defaultValue,
}: {
  id: string;
  error?: string;
  value?: string;
  onChange?: (value: string) => void;
  defaultValue?: string;
}) {
  return (
    <TextAreaField
      id={id}
      name="description"
      label={messages().admin.decks.descriptionLabel}
      rows={3}
      maxLength={DECK_DESCRIPTION_MAX}
      value={value}
      defaultValue={defaultValue}
      onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      error={error}
    />
  );
}

/** A new deck; on success, its page opens. */
export function DeckCreateForm() {
  const t = messages().admin.decks;
  const router = useRouter();
  const root = useRef<HTMLFormElement>(null);
  const { errors, pending, run } = useChangeAction(createDeckAction, messages().admin.decks.errors);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  return (
    <form
      ref={root}
      noValidate
      data-testid="deck-create"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        run(
          { title: String(data.get("title") ?? ""), description: String(data.get("description") ?? ""), slug: String(data.get("slug") ?? "") },
          (success) => router.push(`/admin/decks/${success.id}`),
        );
      }}
    >
      <Field id="new-deck-title" name="title" label={t.titleLabel} maxLength={DECK_TITLE_MAX} error={errors.title?.[0]} />
      <DescriptionField id="new-deck-description" error={errors.description?.[0]} defaultValue="" />
      <div className="space-y-1">
        <Field id="new-deck-slug" name="slug" label={t.slugLabel} error={errors.slug?.[0]} />
        <p className="text-xs text-slate-500">{t.slugHint}</p>
      </div>
      <FormErrors messages={errors.form} />
      <Button type="submit" disabled={pending} aria-busy={pending || undefined} className="w-full sm:w-auto">
        {pending ? t.saving : t.create}
      </Button>
    </form>
  );
}

type Settings = { title: string; description: string; version: number };

/** Title and description; a save over somebody else's newer save is refused and both versions are shown. */
export function DeckSettingsForm({ deck }: { deck: Settings & { id: string } }) {
  const t = messages().admin.decks;
  const [title, setTitle] = useState(deck.title);
  const [description, setDescription] = useState(deck.description);
  const [version, setVersion] = useState(deck.version);
  const [saved, setSaved] = useState(false);
  const { errors, conflict, pending, run, clear } = useChangeAction(updateDeckAction, messages().admin.decks.errors);
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        run({ id: deck.id, title, description, version }, (success) => {
          if (success.version) setVersion(success.version);
          setSaved(true);
        });
      }}
    >
      <Field
        id="deck-title"
        name="title"
        label={t.titleLabel}
        maxLength={DECK_TITLE_MAX}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          setSaved(false);
        }}
        error={errors.title?.[0]}
      />
      <DescriptionField
        id="deck-description"
        value={description}
        onChange={(value) => {
          setDescription(value);
          setSaved(false);
        }}
        error={errors.description?.[0]}
      />
      <p className="text-xs text-slate-500" data-testid="deck-version">
        {t.version(version)}
      </p>
      {conflict && (
        <div role="alert" data-testid="deck-conflict" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t.conflictTitle}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <p className="font-medium">{t.conflictYours}</p>
              <p className="break-words">{title}</p>
              <p className="whitespace-pre-wrap break-words text-amber-800">{description}</p>
            </div>
            <div>
              <p className="font-medium">{t.conflictStored(conflict.version)}</p>
              <p className="break-words">{conflict.title}</p>
              <p className="whitespace-pre-wrap break-words text-amber-800">{conflict.description}</p>
            </div>
          </div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setTitle(conflict.title);
              setDescription(conflict.description);
              setVersion(conflict.version);
              clear();
            }}
          >
            {t.conflictTake}
          </Button>
        </div>
      )}
      <FormErrors messages={[...(errors.version ?? []), ...(errors.form ?? [])]} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending || undefined} className="w-full sm:w-auto">
          {pending ? t.saving : t.save}
        </Button>
        <p aria-live="polite" className="text-sm text-green-700">
          {saved && !pending ? t.saved : ""}
        </p>
      </div>
    </form>
  );
}

export function DeckPublishToggle({ deck }: { deck: { id: string; published: boolean; archived: boolean } }) {
  const t = messages().admin.decks;
  const { errors, pending, run } = useChangeAction(setDeckPublishedAction, messages().admin.decks.errors);
  const state = deck.archived ? t.isArchived : deck.published ? t.isPublished : t.isUnpublished;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="deck-visibility">
        {state}
      </p>
      {!deck.archived && (
        <Button
          type="button"
          variant={deck.published ? "secondary" : "primary"}
          disabled={pending}
          aria-busy={pending || undefined}
          onClick={() => run({ id: deck.id, published: !deck.published })}
        >
          {pending ? t.saving : deck.published ? t.unpublish : t.publish}
        </Button>
      )}
      <FormErrors messages={[...(errors.published ?? []), ...(errors.form ?? [])]} />
    </div>
  );
}

/** Deleting takes a second, explicit confirmation; a deck with history is archived instead, and the page says so. */
export function DeckDeleteForm({ deck }: { deck: { id: string; title: string } }) {
  const t = messages().admin.decks;
  const router = useRouter();
  const { errors, pending, run } = useChangeAction(deleteDeckAction, messages().admin.decks.errors);
  const [archived, setArchived] = useState(false);
  return (
    <ConfirmDanger
      label={t.remove}
      question={t.confirmDelete(deck.title)}
      confirmLabel={t.confirm}
      pending={pending}
      errors={errors}
      onConfirm={(close) =>
        run({ id: deck.id }, (success) => {
          close();
          if (success.outcome === "deleted") router.push("/admin/decks");
          else setArchived(true);
        })
      }
    >
      {archived && (
        <p role="status" className="text-sm text-amber-800">
          {t.archivedInstead}
        </p>
      )}
    </ConfirmDanger>
  );
}
