"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { createExamAction, updateExamAction } from "@/lib/actions/admin/exams";
import { Button } from "@/components/ui/button";
import { CheckField, ChoiceGroup, Field, FormErrors, SelectField, TextAreaField } from "@/components/ui/field";
import { Section } from "@/components/ui/panel";
import type { DeckChoice } from "@/lib/admin/exams";
import type { ExamSettings, ExamSettingsInput, StoredExamSettings } from "@/lib/admin/exams.schema";
import {
  CARD_WEIGHT_MAX,
  cardQuestionCounts,
  EXAM_DESCRIPTION_MAX,
  EXAM_TIME_LIMIT_MAX_MINUTES,
  EXAM_TITLE_MAX,
  RECHECK_DAYS_MAX,
  repeatShortfalls,
  type CardWeighting,
} from "@/lib/exams/rules";
import { messages } from "@/lib/i18n";
import { SubmitButton } from "./submit-button";
import { useChangeAction } from "./use-change-action";

/** The form's state: numbers as typed, the card choice and the counting mode as the controls hold them. */
type FormState = Omit<ExamSettingsInput, "cards" | "questionsPerCard" | "questionCount" | "cardWeighting" | "cardWeights" | "attemptsAllowed" | "recheckDays"> & {
  recheckDays: string;
  cardWeighting: CardWeighting;
  cardWeights: Record<string, string>;
  allCards: boolean;
  chosen: string[];
  countMode: "perCard" | "total";
  questionsPerCard: string;
  questionCount: string;
  attemptsUnlimited: boolean;
  attemptsAllowed: string;
};

const text = (value: number | null) => (value === null ? "" : String(value));

function stateOf(settings: ExamSettings): FormState {
  return {
    ...settings,
    allCards: settings.cards === "all",
    chosen: settings.cards === "all" ? [] : settings.cards,
    countMode: settings.questionCount !== null ? "total" : "perCard",
    questionsPerCard: text(settings.questionsPerCard) || "1",
    questionCount: text(settings.questionCount),
    cardWeights: Object.fromEntries(Object.entries(settings.cardWeights).map(([cardId, weight]) => [cardId, String(weight)])),
    timeLimitMinutes: String(settings.timeLimitMinutes),
    passPercent: String(settings.passPercent),
    attemptsUnlimited: settings.attemptsAllowed === "unlimited",
    attemptsAllowed: settings.attemptsAllowed === "unlimited" ? "1" : String(settings.attemptsAllowed),
    recheckDays: text(settings.recheckDays),
  };
}

function inputOf(state: FormState): ExamSettingsInput {
  const { allCards, chosen, countMode, attemptsUnlimited, ...fields } = state;
  return {
    ...fields,
    cards: allCards ? "all" : chosen,
    questionsPerCard: countMode === "perCard" ? state.questionsPerCard : null,
    questionCount: countMode === "total" ? state.questionCount : null,
    cardWeighting: countMode === "total" ? state.cardWeighting : "POOL",
    attemptsAllowed: attemptsUnlimited ? "unlimited" : state.attemptsAllowed,
  };
}

/** Each differing field of the stored and the typed settings, as text. */
function differences(mine: ExamSettingsInput, stored: StoredExamSettings, decks: DeckChoice[]) {
  const t = messages().admin.examEditor;
  const deckTitle = (id: string) => decks.find((deck) => deck.id === id)?.title ?? t.none;
  const cards = (value: "all" | string[]) => (value === "all" ? t.allCardsShort : t.cardsShort(value.length));
  const flag = (value: boolean) => (value ? t.yes : t.no);
  const show = (value: unknown) => (value === null || value === "" ? t.none : String(value));
  const rows: [string, string, string][] = [
    [t.titleLabel, mine.title, stored.title],
    [t.descriptionLabel, mine.description, stored.description],
    [t.deckLabel, deckTitle(mine.deckId), deckTitle(stored.deckId)],
    [t.cardsLegend, cards(mine.cards), cards(stored.cards)],
    [t.perCardLabel, show(mine.questionsPerCard), show(stored.questionsPerCard)],
    [t.totalLabel, show(mine.questionCount), show(stored.questionCount)],
    [t.weightingLegend, t.weightings[mine.cardWeighting ?? "POOL"].label, t.weightings[stored.cardWeighting].label],
    [t.timeLimitLabel, show(mine.timeLimitMinutes), show(stored.timeLimitMinutes)],
    [t.passPercentLabel, show(mine.passPercent), show(stored.passPercent)],
    [t.attemptsLabel, show(mine.attemptsAllowed === "unlimited" ? t.attemptsUnlimited : mine.attemptsAllowed), show(stored.attemptsAllowed === "unlimited" ? t.attemptsUnlimited : stored.attemptsAllowed)],
    [t.opensAtLabel, show(mine.opensAt), show(stored.opensAt)],
    [t.closesAtLabel, show(mine.closesAt), show(stored.closesAt)],
    [t.reviewSection, t.reviewPolicies[mine.reviewPolicy].label, t.reviewPolicies[stored.reviewPolicy].label],
    [t.reviewTimingLegend, t.reviewTimings[mine.reviewTiming].label, t.reviewTimings[stored.reviewTiming].label],
    [t.shuffleQuestions, flag(mine.shuffleQuestions), flag(stored.shuffleQuestions)],
    [t.shuffleOptions, flag(mine.shuffleOptions), flag(stored.shuffleOptions)],
    [t.navigationLegend, t.navigation[mine.navigation].label, t.navigation[stored.navigation].label],
    [t.scoringLegend, t.scoring[mine.multipleScoring].label, t.scoring[stored.multipleScoring].label],
    [t.recheckDaysLabel, show(mine.recheckDays ?? ""), show(stored.recheckDays)],
  ];
  return rows.filter(([, yours, theirs]) => yours !== theirs);
}

function Conflict({ mine, stored, decks, onTake }: { mine: ExamSettingsInput; stored: StoredExamSettings; decks: DeckChoice[]; onTake: () => void }) {
  const t = messages().admin.examEditor;
  const rows = differences(mine, stored, decks);
  return (
    <div role="alert" data-testid="exam-conflict" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">{t.conflictTitle}</p>
      {rows.length === 0 ? (
        <p>{t.conflictNoDifference}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <thead>
              <tr>
                <th className="py-1 pr-3 font-medium">{t.conflictField}</th>
                <th className="py-1 pr-3 font-medium">{t.conflictYours}</th>
                <th className="py-1 font-medium">{t.conflictStored(stored.version)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([field, yours, theirs]) => (
                <tr key={field} className="border-t border-amber-200 align-top">
                  <td className="py-1 pr-3">{field}</td>
                  <td className="py-1 pr-3 break-words">{yours}</td>
                  <td className="py-1 break-words">{theirs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Button type="button" variant="secondary" onClick={onTake}>
        {t.conflictTake}
      </Button>
    </div>
  );
}

type Existing = { id: string; version: number; attemptCount: number; inProgressCount: number };

/**
 * Every setting of an exam. Without `exam` it creates one (then its page opens); with it,
 * it saves the settings, and a save over somebody else's newer one shows both versions.
 */
export function ExamForm({
  initial,
  decks,
  timeZone,
  exam,
}: {
  initial: ExamSettings;
  decks: DeckChoice[];
  timeZone: string;
  exam?: Existing;
}) {
  const t = messages().admin.examEditor;
  const router = useRouter();
  const root = useRef<HTMLFormElement>(null);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  const [state, setState] = useState<FormState>(() => stateOf(initial));
  const [key, setKey] = useState("");
  const [published, setPublished] = useState(false);
  const [version, setVersion] = useState(exam?.version ?? 1);
  const [saved, setSaved] = useState(false);
  const create = useChangeAction(createExamAction, t.errors);
  const update = useChangeAction(updateExamAction, t.errors);
  const { errors, pending } = exam ? update : create;

  const set = <K extends keyof FormState>(field: K, value: FormState[K]) => {
    setState((current) => ({ ...current, [field]: value }));
    setSaved(false);
  };
  const deck = decks.find((candidate) => candidate.id === state.deckId);
  const chosenCards = deck ? (state.allCards ? deck.cards : deck.cards.filter((card) => state.chosen.includes(card.id))) : [];
  const available = chosenCards.reduce((sum, card) => sum + card.examQuestions, 0);
  const weightOf = (card: DeckChoice["cards"][number]) =>
    state.cardWeighting === "LENGTH" ? card.length : Number(state.cardWeights[card.id] ?? 1) || 1;
  const spread = {
    questionsPerCard: state.countMode === "perCard" ? Number(state.questionsPerCard) || 0 : null,
    questionCount: state.countMode === "total" ? Number(state.questionCount) || 0 : null,
    cardWeighting: state.countMode === "total" ? state.cardWeighting : ("POOL" as const),
  };
  const cardPools = chosenCards.map((card) => ({ card, weight: weightOf(card), available: card.examQuestions }));
  const cardCounts = state.countMode === "total" && spread.cardWeighting !== "POOL" ? cardQuestionCounts(cardPools.map(({ card, ...rest }) => ({ id: card.id, ...rest })), spread) : null;
  const repeats = state.attemptsUnlimited ? [] : repeatShortfalls(cardPools, spread, Number(state.attemptsAllowed) || null);
  const error = (field: string) => errors[field]?.join(" ");
  const deckFrozen = (exam?.attemptCount ?? 0) > 0;
  const running = (exam?.inProgressCount ?? 0) > 0;
  const option = <V extends string>(labels: Record<V, { label: string; help: string }>) =>
    (Object.keys(labels) as V[]).map((value) => ({ value, ...labels[value] }));

  return (
    <form
      ref={root}
      noValidate
      data-testid="exam-form"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const input = inputOf(state);
        if (exam) {
          update.run({ ...input, id: exam.id, version }, (success) => {
            if (success.version) setVersion(success.version);
            setSaved(true);
          });
        } else {
          create.run({ ...input, key, published }, (success) => router.push(`/admin/exams/${success.id}`));
        }
      }}
    >
      {exam && running && (
        <p role="status" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t.runningNote(exam.inProgressCount)}
        </p>
      )}
      {exam && !running && exam.attemptCount > 0 && <p className="text-sm text-slate-600">{t.attemptsNote(exam.attemptCount)}</p>}

      <Section title={t.general}>
        <Field id="exam-title" label={t.titleLabel} maxLength={EXAM_TITLE_MAX} value={state.title} onChange={(event) => set("title", event.target.value)} error={error("title")} />
        <TextAreaField
          id="exam-description"
          label={t.descriptionLabel}
          rows={3}
          maxLength={EXAM_DESCRIPTION_MAX}
          value={state.description}
          onChange={(event) => set("description", event.target.value)}
          error={error("description")}
        />
        {!exam && (
          <div className="space-y-1">
            <Field id="exam-key" label={t.keyLabel} value={key} onChange={(event) => setKey(event.target.value)} error={error("key")} />
            <p className="text-xs text-slate-500">{t.keyHint}</p>
          </div>
        )}
      </Section>

      <Section title={t.questionsSection}>
        <SelectField
          id="exam-deck"
          label={t.deckLabel}
          value={state.deckId}
          onChange={(event) => setState((current) => ({ ...current, deckId: event.target.value, allCards: true, chosen: [] }))}
          error={error("deckId")}
          hint={deckFrozen ? t.deckFrozenHint : undefined}
        >
          <option value="">{t.chooseDeck}</option>
          {decks.map((choice) => (
            <option key={choice.id} value={choice.id} disabled={deckFrozen && choice.id !== initial.deckId}>
              {choice.archived ? `${choice.title} ${t.archivedDeck}` : choice.title}
            </option>
          ))}
        </SelectField>

        <fieldset className="space-y-2" aria-describedby={error("cards") ? "exam-cards-error" : "exam-cards-hint"}>
          <legend className="text-sm font-medium text-slate-700">{t.cardsLegend}</legend>
          {!deck ? (
            <p className="text-sm text-slate-600">{t.chooseDeckFirst}</p>
          ) : deck.cards.length === 0 ? (
            <p className="text-sm text-slate-600">{t.noCards}</p>
          ) : (
            <>
              <CheckField id="exam-all-cards" label={t.allCards} hint={t.allCardsHint} checked={state.allCards} onChange={(checked) => set("allCards", checked)} />
              <ul className="grid gap-1 sm:grid-cols-2" data-testid="exam-cards">
                {deck.cards.map((card) => (
                  <li key={card.id}>
                    <label className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="mt-1"
                        disabled={state.allCards}
                        checked={state.allCards || state.chosen.includes(card.id)}
                        onChange={(event) =>
                          set("chosen", event.target.checked ? [...state.chosen, card.id] : state.chosen.filter((id) => id !== card.id))
                        }
                      />
                      <span>
                        <span className="text-slate-900">{card.front}</span>{" "}
                        <span className={card.examQuestions === 0 ? "text-red-700" : "text-slate-500"}>· {t.cardExamQuestions(card.examQuestions)}</span>
                      </span>
                    </label>
                    {state.countMode === "total" && state.cardWeighting === "CUSTOM" && (state.allCards || state.chosen.includes(card.id)) && (
                      <input
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={CARD_WEIGHT_MAX}
                        aria-label={t.weightLabel(card.front)}
                        className="ml-6 mt-1 w-20 rounded-lg border border-slate-300 px-2 py-1 text-sm"
                        value={state.cardWeights[card.id] ?? "1"}
                        onChange={(event) => set("cardWeights", { ...state.cardWeights, [card.id]: event.target.value })}
                      />
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p id="exam-cards-hint" className="text-xs text-slate-500">
            {t.poolHint}
          </p>
          {error("cards") && (
            <p id="exam-cards-error" className="text-sm text-red-700">
              {error("cards")}
            </p>
          )}
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">{t.countLegend}</legend>
          <div className="flex flex-wrap gap-4">
            {(["perCard", "total"] as const).map((mode) => (
              <label key={mode} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="countMode" checked={state.countMode === mode} onChange={() => set("countMode", mode)} />
                {mode === "perCard" ? t.perCard : t.total}
              </label>
            ))}
          </div>
          {state.countMode === "perCard" ? (
            <Field id="exam-per-card" type="number" inputMode="numeric" min={1} label={t.perCardLabel} value={state.questionsPerCard} onChange={(event) => set("questionsPerCard", event.target.value)} error={error("questionsPerCard")} />
          ) : (
            <Field id="exam-total" type="number" inputMode="numeric" min={1} label={t.totalLabel} value={state.questionCount} onChange={(event) => set("questionCount", event.target.value)} error={error("questionCount")} />
          )}
          {state.countMode === "total" && (
            <ChoiceGroup
              name="cardWeighting"
              legend={t.weightingLegend}
              value={state.cardWeighting}
              options={option(t.weightings)}
              onChange={(value) => set("cardWeighting", value)}
              error={error("cardWeighting") ?? error("cardWeights")}
            />
          )}
          {deck && <p className="text-xs text-slate-500">{t.available(available)}</p>}
          {cardCounts && (
            <div className="text-xs text-slate-600" data-testid="exam-spread">
              <p>{t.spreadPreview}</p>
              <ul className="list-disc pl-5">
                {chosenCards.map((card) => (
                  <li key={card.id}>{t.spreadItem(card.front, cardCounts.get(card.id) ?? 0)}</li>
                ))}
              </ul>
            </div>
          )}
          {repeats.length > 0 && (
            <div role="status" data-testid="exam-repeat-warning" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p>{t.repeatWarning(Number(state.attemptsAllowed))}</p>
              <ul className="list-disc pl-5">
                {repeats.map((shortfall) => (
                  <li key={shortfall.card?.id ?? "total"}>
                    {shortfall.card ? t.repeatCard(shortfall.card.front, shortfall.available, shortfall.needed) : t.repeatTotal(shortfall.available, shortfall.needed)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </fieldset>
      </Section>

      <Section title={t.rulesSection}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="exam-time-limit" type="number" inputMode="numeric" min={1} max={EXAM_TIME_LIMIT_MAX_MINUTES} label={t.timeLimitLabel} value={state.timeLimitMinutes} onChange={(event) => set("timeLimitMinutes", event.target.value)} error={error("timeLimitMinutes")} />
          <Field id="exam-pass-percent" type="number" inputMode="numeric" min={0} max={100} label={t.passPercentLabel} value={state.passPercent} onChange={(event) => set("passPercent", event.target.value)} error={error("passPercent")} />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t.attemptsLegend}</legend>
          <div className="flex flex-wrap gap-4">
            {[false, true].map((unlimited) => (
              <label key={String(unlimited)} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="attemptsMode" checked={state.attemptsUnlimited === unlimited} onChange={() => set("attemptsUnlimited", unlimited)} />
                {unlimited ? t.attemptsUnlimited : t.attemptsLimited}
              </label>
            ))}
          </div>
          {state.attemptsUnlimited ? (
            error("attemptsAllowed") && <p className="text-sm text-red-700">{error("attemptsAllowed")}</p>
          ) : (
            <Field id="exam-attempts" type="number" inputMode="numeric" min={1} label={t.attemptsLabel} value={state.attemptsAllowed} onChange={(event) => set("attemptsAllowed", event.target.value)} error={error("attemptsAllowed")} />
          )}
        </fieldset>
        <Field id="exam-recheck-days" type="number" inputMode="numeric" min={1} max={RECHECK_DAYS_MAX} label={t.recheckDaysLabel} hint={t.recheckDaysHint} value={state.recheckDays} onChange={(event) => set("recheckDays", event.target.value)} error={error("recheckDays")} />
      </Section>

      <Section title={t.windowSection}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="exam-opens-at" type="datetime-local" label={t.opensAtLabel} value={state.opensAt} onChange={(event) => set("opensAt", event.target.value)} error={error("opensAt")} />
          <Field id="exam-closes-at" type="datetime-local" label={t.closesAtLabel} value={state.closesAt} onChange={(event) => set("closesAt", event.target.value)} error={error("closesAt")} />
        </div>
        <p className="text-xs text-slate-500">{t.windowHint(timeZone)}</p>
      </Section>

      <Section title={t.reviewSection}>
        <ChoiceGroup name="reviewPolicy" legend={t.reviewSection} value={state.reviewPolicy} options={option(t.reviewPolicies)} onChange={(value) => set("reviewPolicy", value)} error={error("reviewPolicy")} />
        <ChoiceGroup name="reviewTiming" legend={t.reviewTimingLegend} value={state.reviewTiming} options={option(t.reviewTimings)} onChange={(value) => set("reviewTiming", value)} error={error("reviewTiming")} />
      </Section>

      <Section title={t.orderSection}>
        <CheckField id="exam-shuffle-questions" label={t.shuffleQuestions} hint={t.shuffleQuestionsHint} checked={state.shuffleQuestions} onChange={(checked) => set("shuffleQuestions", checked)} error={error("shuffleQuestions")} />
        <CheckField id="exam-shuffle-options" label={t.shuffleOptions} hint={t.shuffleOptionsHint} checked={state.shuffleOptions} onChange={(checked) => set("shuffleOptions", checked)} error={error("shuffleOptions")} />
        <ChoiceGroup name="navigation" legend={t.navigationLegend} value={state.navigation} options={option(t.navigation)} onChange={(value) => set("navigation", value)} error={error("navigation")} />
        <ChoiceGroup name="multipleScoring" legend={t.scoringLegend} value={state.multipleScoring} options={option(t.scoring)} onChange={(value) => set("multipleScoring", value)} error={error("multipleScoring")} />
        {!exam && <CheckField id="exam-published" label={t.publishedLabel} checked={published} onChange={setPublished} error={error("published")} />}
      </Section>

      {exam && update.conflict && (
        <Conflict
          mine={inputOf(state)}
          stored={update.conflict}
          decks={decks}
          onTake={() => {
            setState(stateOf(update.conflict!));
            setVersion(update.conflict!.version);
            update.clear();
          }}
        />
      )}
      <FormErrors messages={[...(errors.id ?? []), ...(errors.version ?? []), ...(errors.form ?? [])]} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} label={exam ? t.save : t.createSubmit} variant="primary" />
        {exam && (
          <>
            <p className="text-xs text-slate-500" data-testid="exam-version">
              {t.version(version)}
            </p>
            <p aria-live="polite" className="text-sm text-green-700">
              {saved && !pending ? t.saved : ""}
            </p>
          </>
        )}
      </div>
    </form>
  );
}
