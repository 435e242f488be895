// A card's back as a checklist of points to remember, for point-by-point study.
import type { Nodes, Paragraph } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

/** A paragraph's plain text: formatting removed, a hard line break read as a space, whitespace collapsed. */
function paragraphText(paragraph: Paragraph): string {
  const withoutBreaks = replaceBreaks(paragraph);
  return toString(withoutBreaks).replace(/\s+/g, " ").trim();
}

// mdast-util-to-string drops `break` nodes, which would glue the words around them.
function replaceBreaks<T extends Nodes>(node: T): T {
  if (!("children" in node)) return node;
  const children = node.children.map((child: Nodes) =>
    child.type === "break" ? { type: "text", value: " " } : replaceBreaks(child),
  );
  return { ...node, children } as T;
}

/**
 * The points of a card's back (Markdown without front matter, parsed as CommonMark):
 * - every list item's own text — its direct paragraphs, joined by a space — in
 *   document order; a nested list's items are points of their own, right after
 *   their parent's point (so «состоит из:» and each of its sub-items are points);
 * - if the card has no (non-empty) list items at all: every paragraph instead.
 * Markdown formatting is removed, whitespace collapsed, empty points dropped.
 * Headings, code blocks and tables are never points. Nothing is invented: every
 * point is the card's own text.
 */
export function cardPoints(markdown: string): string[] {
  const tree = fromMarkdown(markdown);
  const items: string[] = [];
  const paragraphs: string[] = [];

  const visit = (node: Nodes) => {
    if (node.type === "listItem") {
      const own = node.children
        .filter((child): child is Paragraph => child.type === "paragraph")
        .map(paragraphText)
        .filter(Boolean)
        .join(" ");
      if (own) items.push(own);
    } else if (node.type === "paragraph") {
      const text = paragraphText(node);
      if (text) paragraphs.push(text);
    }
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);

  return items.length ? items : paragraphs;
}
