// One layout for every e-mail, as plain text and as HTML with the same content.
import { messages } from "../i18n";

export type MailBlock = { paragraph: string } | { heading: string; items: string[] };

export type MailContent = {
  subject: string;
  greeting: string;
  blocks: MailBlock[];
  action: { label: string; url: string };
  notes: string[];
  unsubscribeUrl?: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);

export function renderMail(content: MailContent): RenderedMail {
  const t = messages().mail;
  const text = [
    content.greeting,
    ...content.blocks.map((block) => ("paragraph" in block ? block.paragraph : [`${block.heading}:`, ...block.items.map((item) => `- ${item}`)].join("\n"))),
    `${content.action.label}: ${content.action.url}`,
    ...content.notes,
    ...(content.unsubscribeUrl ? [`${t.unsubscribe}: ${content.unsubscribeUrl}`] : []),
    `--\n${t.signature}. ${t.automatic}`,
  ].join("\n\n");
  const p = (inner: string, style = "") => `<p style="margin:0 0 16px;${style}">${inner}</p>`;
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>',
    escapeHtml(content.subject),
    '</title></head><body style="margin:0;padding:24px;background:#f8fafc;font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">',
    '<div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">',
    p(escapeHtml(content.greeting)),
    ...content.blocks.map((block) =>
      "paragraph" in block
        ? p(escapeHtml(block.paragraph))
        : `<h2 style="margin:0 0 8px;font-size:16px">${escapeHtml(block.heading)}</h2><ul style="margin:0 0 16px;padding-left:20px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    ),
    p(
      `<a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:8px">${escapeHtml(content.action.label)}</a>`,
    ),
    ...content.notes.map((note) => p(escapeHtml(note), "color:#475569;font-size:13px")),
    p(
      `${escapeHtml(t.signature)}. ${escapeHtml(t.automatic)}${content.unsubscribeUrl ? ` <a href="${escapeHtml(content.unsubscribeUrl)}" style="color:#475569">${escapeHtml(t.unsubscribe)}</a>` : ""}`,
      "color:#64748b;font-size:12px;margin:0",
    ),
    "</div></body></html>",
  ].join("");
  return { subject: content.subject, text, html };
}
