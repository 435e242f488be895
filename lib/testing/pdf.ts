// Reading a generated PDF back in tests (pdfjs-dist): its text line by line, and a page as a PNG.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";

const open = (pdf: Uint8Array) => getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;

export type PdfPage = {
  /** The text pieces at one height, left to right, joined by " | ": a table row's cells, when none wraps. */
  lines: string[];
  /** Every text piece in the order drawn, joined by single spaces: a table row reads as its cells in order, wrapped or not. */
  text: string;
};

/** Each page's text, as lines and as the drawing order. */
export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const document = await open(pdf);
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const items = ((await (await document.getPage(number)).getTextContent()).items as TextItem[]).filter((item) => item.str.trim());
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const item of items) {
      const y = Math.round(item.transform[5]);
      if (!rows.has(y)) rows.set(y, []);
      rows.get(y)!.push({ x: item.transform[4], text: item.str.trim() });
    }
    pages.push({
      lines: [...rows.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, pieces]) => pieces.sort((a, b) => a.x - b.x).map((piece) => piece.text).join(" | ")),
      text: items.map((item) => item.str.trim()).join(" "),
    });
  }
  await document.destroy();
  return pages;
}

/** Page `number` rendered as a PNG at `scale` (1 = 72 dpi). */
export async function pdfPagePng(pdf: Uint8Array, number = 1, scale = 1.5): Promise<Buffer> {
  const document = await open(pdf);
  const page = await document.getPage(number);
  const viewport = page.getViewport({ scale });
  // In Node, pdfjs draws on @napi-rs/canvas (its optional dependency), whose canvas encodes PNG.
  const factory = document.canvasFactory as { create(width: number, height: number): { canvas: HTMLCanvasElement & { toBuffer(type: "image/png"): Buffer } } };
  const { canvas } = factory.create(viewport.width, viewport.height);
  await page.render({ canvas, viewport }).promise;
  const png = canvas.toBuffer("image/png");
  await document.destroy();
  return png;
}
