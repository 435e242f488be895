import { guardedRoute, problem } from "@/lib/api";
import { deckArchive } from "@/lib/admin/content-transfer";
import { exportFileName } from "@/lib/reports/export";
import { companyTimeZone } from "@/lib/time-zone";

/** The deck in the content/ format (decks/<slug>/…) as a .zip download. */
export const GET = guardedRoute<{ deckId: string }>({ ability: "manageContent" }, async (_request, user, { deckId }) => {
  const archive = await deckArchive(user, deckId);
  if (!archive) return problem(404, { status: "not-found" });
  return new Response(new Uint8Array(archive.data), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${exportFileName(archive.slug, "zip", new Date(), companyTimeZone())}"`,
      "Cache-Control": "no-store",
    },
  });
});
