"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/action";
import {
  addAssignment,
  addAssignmentSchema,
  removeAssignment,
  removeAssignmentSchema,
  updateAssignmentDue,
  updateAssignmentDueSchema,
  type AssignmentResult,
} from "@/lib/admin/assignments";
import {
  createExam,
  deleteExam,
  deleteExamSchema,
  setExamPublished,
  setExamPublishedSchema,
  updateExam,
  type CreateExamInput,
  type ExamResult,
  type UpdateExamInput,
} from "@/lib/admin/exams";

function refreshed(result: AssignmentResult) {
  if (result.ok) revalidatePath("/admin/exams");
  return result;
}

// The lib functions parse their input themselves (the due date becomes an instant there, and
// their refusals are field errors): the actions hand it over as the form sent it.
const raw = <S extends z.ZodType>() => z.custom<z.input<S>>();

export const addAssignmentAction = userAction(raw<typeof addAssignmentSchema>(), async (user, input) => refreshed(await addAssignment(user, input)));

export const updateAssignmentDueAction = userAction(raw<typeof updateAssignmentDueSchema>(), async (user, input) =>
  refreshed(await updateAssignmentDue(user, input)),
);

export const removeAssignmentAction = userAction(raw<typeof removeAssignmentSchema>(), async (user, input) =>
  refreshed(await removeAssignment(user, input)),
);

function examRefreshed(result: ExamResult) {
  if (result.ok) {
    revalidatePath("/admin/exams");
    revalidatePath(`/admin/exams/${result.id}`);
  }
  return result;
}

export const createExamAction = userAction(z.custom<CreateExamInput>(), async (user, input) => examRefreshed(await createExam(user, input)));

export const updateExamAction = userAction(z.custom<UpdateExamInput>(), async (user, input) => examRefreshed(await updateExam(user, input)));

export const setExamPublishedAction = userAction(raw<typeof setExamPublishedSchema>(), async (user, input) =>
  examRefreshed(await setExamPublished(user, input)),
);

export const deleteExamAction = userAction(raw<typeof deleteExamSchema>(), async (user, input) => examRefreshed(await deleteExam(user, input)));
