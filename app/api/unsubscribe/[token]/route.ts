import { NextResponse } from "next/server";
import { unsubscribe, unsubscribePath } from "@/lib/mail/unsubscribe";

/**
 * Public, the signed token is the only credential: the unsubscribe page's button, and mail clients'
 * one-click unsubscribe (RFC 8058: a POST of "List-Unsubscribe=One-Click" to the List-Unsubscribe address).
 */
export async function POST(request: Request, { params }: RouteContext<"/api/unsubscribe/[token]">) {
  const { token } = await params;
  const state = await unsubscribe(token);
  const form = await request.formData().catch(() => null);
  if (form?.get("from") === "page") return NextResponse.redirect(new URL(unsubscribePath(token), request.url), 303);
  return NextResponse.json({ status: state.status }, { status: state.status === "invalid" ? 404 : 200, headers: { "Cache-Control": "no-store" } });
}
