import { z } from "zod";
import { guardedRoute, problem } from "@/lib/api";
import { pdfResponse } from "@/lib/reports/export";
import { attestationSheet, sheetQuerySchema } from "@/lib/reports/protocol";
import { sheetPdf } from "@/lib/reports/protocol-pdf";

/** A member's «аттестационный лист» as a PDF download: GET ?exam=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD */
export const GET = guardedRoute<{ memberId: string }>({ ability: "viewTeam" }, async (request, user, { memberId }) => {
  const query = sheetQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, { status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors });
  const now = new Date();
  const sheet = await attestationSheet(user, memberId, query.data, now);
  if (!sheet) return problem(404, { status: "not-found" });
  return pdfResponse(await sheetPdf(sheet), `attestation-sheet-${sheet.exam.key}`, now);
});
