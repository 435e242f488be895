import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { examResultsTable, exportResponse, resultsExportQuerySchema } from "@/lib/reports/export";

/** An exam's results as a CSV or XLSX download: GET ?exam=<id>&format=csv|xlsx&department= */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  if (!can(user.role, "viewTeam")) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const query = resultsExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return NextResponse.json({ status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors }, { status: 400 });
  const table = await examResultsTable(user, query.data.exam, query.data.department);
  if (!table) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const names = { fileStem: `exam-results-${table.examKey}`, sheetName: messages().exports.resultsSheet };
  return exportResponse(table, query.data.format, names, new Date());
}
