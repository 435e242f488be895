// A route handler rather than a server action: an archive may be up to
// ARCHIVE_MAX_BYTES, above the 1 MB body limit of server actions, and raising that
// limit would raise it for every action; here the browser also reports upload progress.
import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth";
import { can } from "@/lib/access/permissions";
import { importContentArchive } from "@/lib/admin/content-transfer";
import { ARCHIVE_MAX_BYTES } from "@/lib/content/archive";
import { messages } from "@/lib/i18n";

/** Room for the multipart envelope around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** POST multipart form data: file (.zip), mode ("check" | "import"). */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ status: "unauthenticated" }, { status: 401 });
  if (!can(user.role, "manageContent")) return NextResponse.json({ status: "not-found" }, { status: 404 });
  const t = messages().admin.contentTransfer.errors;
  if (Number(request.headers.get("content-length") ?? 0) > ARCHIVE_MAX_BYTES + FORM_OVERHEAD_BYTES) {
    const tooLarge = { ok: false, error: "invalid", fieldErrors: { file: [t.tooLarge(ARCHIVE_MAX_BYTES / (1024 * 1024))] } };
    return NextResponse.json(tooLarge, { status: 413 });
  }
  const form = await request.formData().catch(() => null);
  const result = await importContentArchive(user, { file: form?.get("file"), mode: form?.get("mode") });
  if (result.ok && result.applied) revalidatePath("/", "layout");
  return NextResponse.json(result, { status: result.ok ? 200 : 422, headers: { "Cache-Control": "no-store" } });
}
