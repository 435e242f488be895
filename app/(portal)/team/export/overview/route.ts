import { z } from "zod";
import { guardedRoute, problem } from "@/lib/api";
import { messages } from "@/lib/i18n";
import { exportResponse, overviewExportQuerySchema, overviewTable } from "@/lib/reports/export";

/** The team overview as a CSV or XLSX download: GET ?format=csv|xlsx&department=&q=&status=&sort= */
export const GET = guardedRoute({ ability: "viewTeam" }, async (request, user) => {
  const query = overviewExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, { status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors });
  const now = new Date();
  const table = await overviewTable(user, query.data, now);
  if (!table) return problem(404, { status: "not-found" });
  return exportResponse(table, query.data.format, { fileStem: "team-overview", sheetName: messages().exports.overviewSheet }, now);
});
