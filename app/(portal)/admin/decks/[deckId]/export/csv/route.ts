import { guardedRoute, problem } from "@/lib/api";
import { deckQuestionsTable } from "@/lib/admin/content-transfer";
import { exportResponse } from "@/lib/reports/export";

/** Every question of the deck (retired ones marked) as a CSV download for Excel. */
export const GET = guardedRoute<{ deckId: string }>({ ability: "manageContent" }, async (_request, user, { deckId }) => {
  const table = await deckQuestionsTable(user, deckId);
  if (!table) return problem(404, { status: "not-found" });
  return exportResponse(table, "csv", { fileStem: `${table.slug}-questions`, sheetName: table.slug }, new Date());
});
