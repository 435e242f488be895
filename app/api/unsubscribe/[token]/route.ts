import { NextResponse } from "next/server";
import { readBody } from "@/lib/json-endpoint";
import { unsubscribe, unsubscribePath } from "@/lib/mail/unsubscribe";

/** The page's form ("from=page") and a mail client's "List-Unsubscribe=One-Click": a few bytes. */
const FORM_MAX_BYTES = 1024;

/**
 * Public, the signed token is the only credential: the unsubscribe page's button, and mail clients'
 * one-click unsubscribe (RFC 8058: a POST of "List-Unsubscribe=One-Click" to the List-Unsubscribe address).
 * The body is read only for a valid token, and only a small form of it.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/unsubscribe/[token]">) {
  const { token } = await params;
  const state = await unsubscribe(token);
  const noStore = { "Cache-Control": "no-store" };
  if (state.status === "invalid") return NextResponse.json({ status: "invalid" }, { status: 404, headers: noStore });
  const form = await readBody(request, FORM_MAX_BYTES);
  if (form && new URLSearchParams(form.toString("utf8")).get("from") === "page") {
    return NextResponse.redirect(new URL(unsubscribePath(token), request.url), 303);
  }
  return NextResponse.json({ status: state.status }, { headers: noStore });
}
