import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { deckQuestionsTable } from "@/lib/admin/content-transfer";
import { exportResponse } from "@/lib/reports/export";

/** Every question of the deck (retired ones marked) as a CSV download for Excel. */
export async function GET(_request: Request, { params }: { params: Promise<{ deckId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  if (!can(user.role, "manageContent")) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const table = await deckQuestionsTable(user, (await params).deckId);
  if (!table) return NextResponse.json({ status: "not-found" }, { status: 404 });
  return exportResponse(table, "csv", { fileStem: `${table.slug}-questions`, sheetName: table.slug }, new Date());
}
