import { z } from "zod";
import { guardedRoute, problem } from "@/lib/api";
import { pdfResponse } from "@/lib/reports/export";
import { attestationProtocol, protocolQuerySchema } from "@/lib/reports/protocol";
import { protocolPdf } from "@/lib/reports/protocol-pdf";

/** «Протокол пробной аттестации» as a PDF download: GET ?exam=<id>&department=&from=YYYY-MM-DD&to=YYYY-MM-DD */
export const GET = guardedRoute({ ability: "viewTeam" }, async (request, user) => {
  const query = protocolQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, { status: "invalid", fieldErrors: z.flattenError(query.error).fieldErrors });
  const now = new Date();
  const protocol = await attestationProtocol(user, query.data, now);
  if (!protocol) return problem(404, { status: "not-found" });
  return pdfResponse(await protocolPdf(protocol), `attestation-protocol-${protocol.exam.key}`, now);
});
