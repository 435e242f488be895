"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/panel";
import type { TargetDepartment, TargetUser } from "@/lib/admin/assignments";
import { messages } from "@/lib/i18n";
import { AddAssignmentForm, DueForm, RemoveAssignmentForm } from "./assignment-forms";

export type AssignmentView = {
  id: string;
  kind: "department" | "user";
  target: string;
  inactiveUser: boolean;
  /** The due date as shown, in the company's time zone; null: none. */
  dueText: string | null;
  /** The due date for a datetime-local input, in the company's time zone; "": none. */
  dueLocal: string;
  createdBy: string | null;
};

export type ExamView = {
  id: string;
  key: string;
  title: string;
  published: boolean;
  deckTitle: string | null;
  questionTotal: number;
  attemptCount: number;
  assignments: AssignmentView[];
};

function AssignmentItem({ assignment, timeZone }: { assignment: AssignmentView; timeZone: string }) {
  const t = messages().admin.exams;
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="assignment">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="font-medium text-slate-900">
          <span className="text-sm font-normal text-slate-500">{assignment.kind === "department" ? t.department : t.user}: </span>
          <span data-testid="assignment-target">{assignment.target}</span>
          {assignment.inactiveUser && <span className="text-sm font-normal text-red-700"> · {t.inactiveUser}</span>}
        </p>
        <p className="text-sm text-slate-600" data-testid="assignment-due">
          {assignment.dueText ? t.due(assignment.dueText) : t.noDue}
          {assignment.createdBy && ` · ${t.assignedBy(assignment.createdBy)}`}
        </p>
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 hover:underline">{t.editDue}</summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          {/* Keyed by the current value: a change made elsewhere resets the field to it. */}
          <DueForm key={assignment.dueLocal} assignment={assignment} timeZone={timeZone} />
          <RemoveAssignmentForm assignment={assignment} />
        </div>
      </details>
    </li>
  );
}

/** Every exam with its assignments and a form to assign it further. */
export function AssignmentList({
  exams,
  departments,
  users,
  timeZone,
}: {
  exams: ExamView[];
  departments: TargetDepartment[];
  users: TargetUser[];
  timeZone: string;
}) {
  const t = messages().admin.exams;
  const editor = messages().admin.examEditor;
  const root = useRef<HTMLDivElement>(null);
  // Marks the forms as interactive (tests wait for it before using them).
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);
  return (
    <div ref={root} className="space-y-4" data-testid="exam-assignments">
      {exams.length === 0 ? (
        <EmptyState>{t.empty}</EmptyState>
      ) : (
        exams.map((exam) => (
          <section
            key={exam.id}
            role="group"
            aria-labelledby={`exam-${exam.id}`}
            className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <div className="flex min-w-0 flex-wrap items-baseline gap-x-3">
                <h2 id={`exam-${exam.id}`} className="text-lg font-semibold break-words text-slate-900">
                  {exam.title}
                </h2>
                {!exam.published && <span className="text-sm text-amber-700">{t.unpublished}</span>}
              </div>
              <Link href={`/admin/exams/${exam.id}`} className="text-sm text-brand-700 hover:underline" aria-label={editor.settingsLinkLabel(exam.title)}>
                {editor.settingsLink}
              </Link>
            </div>
            <p className="text-sm text-slate-600" data-testid="exam-summary">
              <span className="font-mono text-xs">{exam.key}</span> · {exam.deckTitle ?? editor.noDeck} · {editor.questions(exam.questionTotal)} ·{" "}
              {editor.attempts(exam.attemptCount)}
              {exam.published && ` · ${editor.published}`}
            </p>
            <h3 className="text-sm font-medium text-slate-700">{t.assignments}</h3>
            {exam.assignments.length === 0 ? (
              <p className="text-sm text-slate-600">{t.noAssignments}</p>
            ) : (
              <ul className="space-y-2">
                {exam.assignments.map((assignment) => (
                  <AssignmentItem key={assignment.id} assignment={assignment} timeZone={timeZone} />
                ))}
              </ul>
            )}
            <details>
              <summary className="cursor-pointer text-sm text-brand-700 hover:underline">{t.assignTitle}</summary>
              <div className="mt-3">
                <AddAssignmentForm examId={exam.id} departments={departments} users={users} timeZone={timeZone} />
              </div>
            </details>
          </section>
        ))
      )}
    </div>
  );
}
