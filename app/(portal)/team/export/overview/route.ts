import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { messages } from "@/lib/i18n";
import { exportResponse, overviewExportQuerySchema, overviewTable } from "@/lib/reports/export";

/** The team overview as a CSV or XLSX download: GET ?format=csv|xlsx&department=&q=&status=&sort= */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  if (!can(user.role, "viewTeam")) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const query = overviewExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return NextResponse.json({ status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors }, { status: 400 });
  const now = new Date();
  const table = await overviewTable(user, query.data, now);
  if (!table) return NextResponse.json({ status: "not-found" }, { status: 404 });
  return exportResponse(table, query.data.format, { fileStem: "team-overview", sheetName: messages().exports.overviewSheet }, now);
}
