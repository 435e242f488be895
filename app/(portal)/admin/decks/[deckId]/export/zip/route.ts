import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { deckArchive } from "@/lib/admin/content-transfer";
import { exportFileName } from "@/lib/reports/export";
import { companyTimeZone } from "@/lib/study/calendar";

/** The deck in the content/ format (decks/<slug>/…) as a .zip download. */
export async function GET(_request: Request, { params }: { params: Promise<{ deckId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  if (!can(user.role, "manageContent")) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const archive = await deckArchive(user, (await params).deckId);
  if (!archive) return NextResponse.json({ status: "not-found" }, { status: 404 });
  return new Response(new Uint8Array(archive.data), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${exportFileName(archive.slug, "zip", new Date(), companyTimeZone())}"`,
      "Cache-Control": "no-store",
    },
  });
}
