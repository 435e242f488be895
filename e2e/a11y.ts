import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const failingImpacts = new Set(["serious", "critical"]);

/** Axe's serious and critical violations on the page as it is now, one line each: rule, impact, a few targets. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Colours mid-transition (a button just enabled fades in) are not the page's colours: let them settle first
  // (for at most a second: a page in the background may never finish them).
  await page.evaluate(() =>
    Promise.race([
      Promise.allSettled(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished)),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ]),
  );
  // Legacy mode runs axe inside the page only: the default mode finishes in a blank page it opens in the same browser
  // context, which deadlocked with a test closing that context meanwhile (admin-exam-editor.spec.ts, in CI).
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
  return violations
    .filter((violation) => failingImpacts.has(violation.impact ?? "") && violation.nodes.length > 0)
    .map((violation) => {
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" "));
      const more = violation.nodes.length > 3 ? ` and ${violation.nodes.length - 3} more` : "";
      return `${violation.id} (${violation.impact}): ${targets.join(", ")}${more} — ${violation.help}`;
    });
}

export async function expectAccessible(page: Page) {
  expect.soft(await accessibilityViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** The page's path with every segment holding a digit (an id) as ":id", so each kind of page is checked once. */
export const pathPattern = (url: string) =>
  new URL(url).pathname
    .split("/")
    .map((segment) => (/\d/.test(segment) ? ":id" : segment))
    .join("/");
