import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cardPoints } from "./card-points";

const cardsDir = path.resolve(import.meta.dirname, "../../content/decks/attestation-prep/cards");

/** A card file's back: everything after the front matter (between the first two `---` lines). */
function cardBack(key: string): string {
  const lines = readFileSync(path.join(cardsDir, `${key}.md`), "utf8").split(/\r?\n/);
  const first = lines.indexOf("---");
  const second = lines.indexOf("---", first + 1);
  expect(first, `${key}: front matter`).toBe(0);
  expect(second, `${key}: front matter`).toBeGreaterThan(first);
  return lines.slice(second + 1).join("\n");
}

const cardKeys = readdirSync(cardsDir)
  .filter((file) => file.endsWith(".md"))
  .map((file) => file.slice(0, -".md".length))
  .sort();

// The card's text with emphasis markers (**bold**, _italic_) removed and whitespace collapsed.
const plain = (text: string) => text.replace(/[*_]/g, "").replace(/\s+/g, " ");

describe("cardPoints: the real cards", () => {
  it("finds the 11 cards", () => {
    expect(cardKeys).toHaveLength(11);
  });

  it("company-structure: departments and their nested roles as separate points, in order", () => {
    const points = cardPoints(cardBack("company-structure"));
    expect(points).toContain("Отдел продаж — руководитель Богатенков Илья Вадимович");
    expect(points.slice(1, 6)).toEqual([
      "Отдел внедрения — руководитель Шикин Алексей Николаевич",
      "тестировщики",
      "аналитики",
      "разработчики",
      "консультанты",
    ]);
    expect(points).toContain("системные инженеры (тимлид Горшков Евгений) разворачивают систему");
    const composed = points.indexOf("состоит из:");
    expect(composed).toBeGreaterThan(0);
    expect(points.slice(composed + 1, composed + 5)).toEqual([
      "руководителя отдела",
      "менеджера по работе с клиентами",
      "разработчиков",
      "инженеров/аналитиков",
    ]);
    expect(points.at(-1)).toBe("Проектный офис — руководитель Владимир Алевров");
    expect(points).toHaveLength(17);
    // The heading «Бэк-офис» is not a point.
    expect(points).not.toContain("Бэк-офис");
  });

  it("support-principles: the 8 principles, without the bold markers", () => {
    const points = cardPoints(cardBack("support-principles"));
    expect(points).toHaveLength(8);
    expect(points[0]).toBe(
      "Приветствие. Клиент должен ощущать, что специалисты поддержки подходят к коммуникации с ним индивидуально.",
    );
    expect(points[5]).toBe("Вежливые формы обращения.");
    expect(points.some((point) => point.includes("*"))).toBe(false);
  });

  it.each(cardKeys)("%s: at least one point, each one the card's own text", (key) => {
    const back = cardBack(key);
    const points = cardPoints(back);
    expect(points.length).toBeGreaterThanOrEqual(1);
    const text = plain(back);
    for (const point of points) {
      expect(point).toBe(point.trim());
      expect(point).not.toMatch(/\s{2}|\n/);
      expect(text).toContain(plain(point));
    }
    expect(new Set(points).size).toBe(points.length);
  });
});

describe("cardPoints: synthetic cards", () => {
  it("takes nested items as their own points, after their parent", () => {
    const markdown = ["- parent:", "  - child one", "  - child two", "    1. grandchild", "- sibling"].join("\n");
    expect(cardPoints(markdown)).toEqual(["parent:", "child one", "child two", "grandchild", "sibling"]);
  });

  it("removes formatting and collapses whitespace", () => {
    const markdown = [
      "1. **Bold** and *emphasis*, `code` and [a link](https://example.com)",
      "2. a soft",
      "   line break",
      "3. a hard  ",
      "   line break",
      "4. a hard\\",
      "   break too",
    ].join("\n");
    expect(cardPoints(markdown)).toEqual([
      "Bold and emphasis, code and a link",
      "a soft line break",
      "a hard line break",
      "a hard break too",
    ]);
  });

  it("joins a loose item's paragraphs and drops empty items", () => {
    const markdown = ["- first paragraph", "", "  second paragraph", "", "-", "", "- last"].join("\n");
    expect(cardPoints(markdown)).toEqual(["first paragraph second paragraph", "last"]);
  });

  it("ignores headings and paragraphs outside lists when there are list items", () => {
    const markdown = ["## Heading", "", "Intro paragraph.", "", "- item", "", "Outro."].join("\n");
    expect(cardPoints(markdown)).toEqual(["item"]);
  });

  it("falls back to paragraphs when the card has no list items", () => {
    const markdown = ["## Heading", "", "First **paragraph**", "spans two lines.", "", "> Quoted _paragraph_.", "", "Third."].join(
      "\n",
    );
    expect(cardPoints(markdown)).toEqual(["First paragraph spans two lines.", "Quoted paragraph.", "Third."]);
  });

  it("returns nothing for an empty card or one with only headings", () => {
    expect(cardPoints("")).toEqual([]);
    expect(cardPoints("## Only a heading\n\n---\n")).toEqual([]);
  });
});
