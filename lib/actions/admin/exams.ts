"use server";

import { revalidatePath } from "next/cache";
import { changeAction } from "../../action";
import { addAssignment, removeAssignment, updateAssignmentDue } from "../../admin/assignments";
import { createExam, deleteExam, setExamPublished, updateExam } from "../../admin/exams";

const refreshExams = () => revalidatePath("/admin/exams");

function refreshExam({ id }: { id: string }) {
  refreshExams();
  revalidatePath(`/admin/exams/${id}`);
}

export const createExamAction = changeAction(createExam, refreshExam);

export const updateExamAction = changeAction(updateExam, refreshExam);

export const setExamPublishedAction = changeAction(setExamPublished, refreshExam);

export const deleteExamAction = changeAction(deleteExam, refreshExam);

export const addAssignmentAction = changeAction(addAssignment, refreshExams);

export const updateAssignmentDueAction = changeAction(updateAssignmentDue, refreshExams);

export const removeAssignmentAction = changeAction(removeAssignment, refreshExams);
