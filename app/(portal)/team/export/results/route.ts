import { z } from "zod";
import { guardedRoute, problem } from "@/lib/api";
import { messages } from "@/lib/i18n";
import { examResultsTable, exportResponse, resultsExportQuerySchema } from "@/lib/reports/export";

/** An exam's results as a CSV or XLSX download: GET ?exam=<id>&format=csv|xlsx&department= */
export const GET = guardedRoute({ ability: "viewTeam" }, async (request, user) => {
  const query = resultsExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, { status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors });
  const table = await examResultsTable(user, query.data.exam, query.data.department);
  if (!table) return problem(404, { status: "not-found" });
  const names = { fileStem: `exam-results-${table.examKey}`, sheetName: messages().exports.resultsSheet };
  return exportResponse(table, query.data.format, names, new Date());
});
