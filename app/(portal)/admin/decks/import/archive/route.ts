// A route handler rather than a server action: an archive may be up to
// ARCHIVE_MAX_BYTES, above the 1 MB body limit of server actions, and raising that
// limit would raise it for every action; here the browser also reports upload progress.
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { guardedRoute, problem, stateChangeProblem } from "@/lib/api";
import { readBody } from "@/lib/json-endpoint";
import { importContentArchive } from "@/lib/admin/content-transfer";
import { ARCHIVE_MAX_BYTES } from "@/lib/content/archive";
import { messages } from "@/lib/i18n";

/** Room for the multipart envelope around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const upload = guardedRoute({ ability: "manageContent" }, async (request, user) => {
  const body = await readBody(request, ARCHIVE_MAX_BYTES + FORM_OVERHEAD_BYTES);
  if (!body) {
    const t = messages().admin.contentTransfer.errors;
    return problem(413, { ok: false, error: "invalid", fieldErrors: { file: [t.tooLarge(ARCHIVE_MAX_BYTES / (1024 * 1024))] } });
  }
  const form = await new Response(new Uint8Array(body), { headers: { "Content-Type": request.headers.get("content-type")! } })
    .formData()
    .catch(() => null);
  const result = await importContentArchive(user, { file: form?.get("file"), mode: form?.get("mode") });
  if (result.ok && result.applied) revalidatePath("/", "layout");
  return NextResponse.json(result, { status: result.ok ? 200 : 422, headers: { "Cache-Control": "no-store" } });
});

/** POST multipart form data: file (.zip), mode ("check" | "import"). */
export async function POST(request: Request, context: { params: Promise<Record<string, string>> }) {
  return stateChangeProblem(request, "multipart/form-data") ?? (await upload(request, context));
}
