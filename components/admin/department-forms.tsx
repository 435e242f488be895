"use client";

import type { FormEvent } from "react";
import {
  createDepartmentAction,
  deleteDepartmentAction,
  moveDepartmentAction,
  renameDepartmentAction,
  setDepartmentHeadAction,
} from "@/lib/actions/admin/departments";
import { Field, FormErrors, SelectField } from "@/components/ui/field";
import type { HeadCandidate } from "@/lib/admin/departments";
import { messages } from "@/lib/i18n";
import { SubmitButton } from "./submit-button";
import { ConfirmDanger } from "./confirm-danger";
import { useChangeAction } from "./use-change-action";

/** A department as the new-parent select lists it: indented by its depth in the tree. */
export type ParentOption = { id: string; name: string; depth: number };

function formValue(event: FormEvent<HTMLFormElement>, name: string) {
  return String(new FormData(event.currentTarget).get(name) ?? "");
}

/** A new department under `parentId` (null: at the top level). */
export function CreateDepartmentForm({ parentId, idPrefix }: { parentId: string | null; idPrefix: string }) {
  const t = messages().admin.departments;
  const { errors, pending, run } = useChangeAction(createDepartmentAction, messages().admin.departments.errors);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        run({ name: formValue(event, "name"), parentId }, () => form.reset());
      }}
    >
      <Field id={`${idPrefix}-new-name`} name="name" label={parentId ? t.childName : t.name} error={errors.name?.[0] ?? errors.parentId?.[0]} />
      <FormErrors messages={errors.form} />
      <SubmitButton pending={pending} label={t.add} />
    </form>
  );
}

export function RenameDepartmentForm({ department }: { department: { id: string; name: string } }) {
  const t = messages().admin.departments;
  const { errors, pending, run } = useChangeAction(renameDepartmentAction, messages().admin.departments.errors);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        run({ id: department.id, name: formValue(event, "name") });
      }}
    >
      <Field id={`${department.id}-name`} name="name" label={t.name} defaultValue={department.name} error={errors.name?.[0]} />
      <FormErrors messages={errors.form} />
      <SubmitButton pending={pending} label={t.rename} />
    </form>
  );
}

export function MoveDepartmentForm({ department, options }: { department: { id: string; parentId: string | null }; options: ParentOption[] }) {
  const t = messages().admin.departments;
  const { errors, pending, run } = useChangeAction(moveDepartmentAction, messages().admin.departments.errors);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        run({ id: department.id, parentId: formValue(event, "parentId") });
      }}
    >
      <SelectField id={`${department.id}-parent`} name="parentId" label={t.parent} defaultValue={department.parentId ?? ""} error={errors.parentId?.[0]}>
        <option value="">{t.topLevel}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {"\u00a0\u00a0".repeat(option.depth) + option.name}
          </option>
        ))}
      </SelectField>
      <FormErrors messages={errors.form} />
      <SubmitButton pending={pending} label={t.move} />
    </form>
  );
}

export function DepartmentHeadForm({ department, candidates }: { department: { id: string; headId: string | null }; candidates: HeadCandidate[] }) {
  const t = messages().admin.departments;
  const { errors, pending, run } = useChangeAction(setDepartmentHeadAction, messages().admin.departments.errors);
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        run({ id: department.id, headId: formValue(event, "headId") });
      }}
    >
      <SelectField id={`${department.id}-head`} name="headId" label={t.head} defaultValue={department.headId ?? ""} error={errors.headId?.[0]}>
        <option value="">{t.noHeadOption}</option>
        {candidates.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.position ? `${candidate.name} — ${candidate.position}` : candidate.name}
          </option>
        ))}
      </SelectField>
      <FormErrors messages={errors.form} />
      <SubmitButton pending={pending} label={t.setHead} />
    </form>
  );
}

/** Deleting takes a second, explicit confirmation. */
export function DeleteDepartmentForm({ department }: { department: { id: string; name: string } }) {
  const t = messages().admin.departments;
  const { errors, pending, run } = useChangeAction(deleteDepartmentAction, messages().admin.departments.errors);
  return (
    <ConfirmDanger
      label={t.delete}
      question={t.confirmDelete(department.name)}
      confirmLabel={t.confirm}
      pending={pending}
      errors={errors}
      onConfirm={(close) => run({ id: department.id }, close)}
    />
  );
}
