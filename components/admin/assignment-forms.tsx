"use client";

import { useState } from "react";
import { addAssignmentAction, removeAssignmentAction, updateAssignmentDueAction } from "@/lib/actions/admin/exams";
import { Field, FormErrors, SelectField } from "@/components/ui/field";
import type { TargetDepartment, TargetUser } from "@/lib/admin/assignments";
import { messages } from "@/lib/i18n";
import { SubmitButton } from "./submit-button";
import { ConfirmDanger } from "./confirm-danger";
import { useChangeAction } from "./use-change-action";

/** A due date: a wall-clock date and time that the server reads in the company's time zone. */
function DueField({ id, error, defaultValue, hint }: { id: string; error?: string; defaultValue?: string; hint: string }) {
  const t = messages().admin.exams;
  return (
    <div className="space-y-1">
      <Field id={id} name="dueAt" type="datetime-local" label={t.dueAt} defaultValue={defaultValue} error={error} />
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}

/** Assigns the exam to a department (with its subtree) or to one user, with an optional due date. */
export function AddAssignmentForm({
  examId,
  departments,
  users,
  timeZone,
}: {
  examId: string;
  departments: TargetDepartment[];
  users: TargetUser[];
  timeZone: string;
}) {
  const t = messages().admin.exams;
  const { errors, pending, run } = useChangeAction(addAssignmentAction, messages().admin.exams.errors);
  const [kind, setKind] = useState<"department" | "user">("department");
  const [search, setSearch] = useState("");
  const [userId, setUserId] = useState("");
  const needle = search.trim().toLowerCase();
  // The chosen user stays offered whatever the search, so the select never shows someone else.
  const shown = users.filter(
    (user) => user.id === userId || !needle || user.name.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle),
  );
  const prefix = `assign-${examId}`;
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const dueAt = String(data.get("dueAt") ?? "");
        const target = kind === "department" ? { departmentId: String(data.get("departmentId") ?? "") } : { userId };
        run({ examId, ...target, dueAt }, () => {
          form.reset();
          setSearch("");
          setUserId("");
        });
      }}
    >
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">{t.targetType}</legend>
        <div className="flex flex-wrap gap-4">
          {(["department", "user"] as const).map((option) => (
            <label key={option} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
              {option === "department" ? t.department : t.user}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === "department" ? (
        <SelectField id={`${prefix}-department`} name="departmentId" label={t.department} defaultValue="" error={errors.target?.[0]}>
          <option value="">{t.chooseDepartment}</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {"\u00a0\u00a0".repeat(department.depth) + department.name}
            </option>
          ))}
        </SelectField>
      ) : (
        <div className="space-y-2">
          <Field
            id={`${prefix}-search`}
            type="search"
            label={t.userSearch}
            placeholder={t.userSearchPlaceholder}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <SelectField id={`${prefix}-user`} label={t.user} value={userId} onChange={(event) => setUserId(event.target.value)} error={errors.target?.[0]}>
            <option value="">{t.chooseUser}</option>
            {shown.map((user) => (
              <option key={user.id} value={user.id}>
                {`${user.name} — ${user.email}${user.department ? ` (${user.department})` : ""}`}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      <DueField id={`${prefix}-due`} error={errors.dueAt?.[0]} hint={t.dueHint(timeZone)} />
      <FormErrors messages={[...(errors.examId ?? []), ...(errors.form ?? [])]} />
      <SubmitButton pending={pending} label={t.assign} variant="primary" />
    </form>
  );
}

/** Changes the due date; an empty field removes it. */
export function DueForm({ assignment, timeZone }: { assignment: { id: string; dueLocal: string }; timeZone: string }) {
  const t = messages().admin.exams;
  const { errors, pending, run } = useChangeAction(updateAssignmentDueAction, messages().admin.exams.errors);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        run({ id: assignment.id, dueAt: String(new FormData(event.currentTarget).get("dueAt") ?? "") });
      }}
    >
      <DueField id={`${assignment.id}-due`} defaultValue={assignment.dueLocal} error={errors.dueAt?.[0]} hint={t.dueEditHint(timeZone)} />
      <FormErrors messages={[...(errors.id ?? []), ...(errors.form ?? [])]} />
      <SubmitButton pending={pending} label={t.saveDue} />
    </form>
  );
}

/** Removing takes a second, explicit confirmation. */
export function RemoveAssignmentForm({ assignment }: { assignment: { id: string; target: string } }) {
  const t = messages().admin.exams;
  const { errors, pending, run } = useChangeAction(removeAssignmentAction, messages().admin.exams.errors);
  return (
    <ConfirmDanger
      label={t.remove}
      question={t.confirmRemove(assignment.target)}
      confirmLabel={t.confirm}
      pending={pending}
      errors={errors}
      onConfirm={(close) => run({ id: assignment.id }, close)}
    />
  );
}
