import { beforeAll, describe, expect, it } from "vitest";
import { viewer } from "../testing/database";
import { db } from "../db";
import type { CurrentUser } from "../auth";
import { seedPortal } from "../testing/fixtures";
import { saveVersioned } from "./change";
import { invalid } from "./result";

let hr: CurrentUser;
let deckId: string;

beforeAll(async () => {
  await seedPortal();
  hr = await viewer("hr@demo.local");
  deckId = (await db.deck.create({ data: { slug: "versioned-save", title: "Было", description: "" }, select: { id: true } })).id;
});

const stored = () => db.deck.findUniqueOrThrow({ where: { id: deckId }, select: { title: true, version: true } });
const audit = () => db.auditLog.findMany({ where: { entityId: deckId }, select: { action: true, before: true, after: true } });

/** Saves the deck's title through saveVersioned; `refuse` makes prepare refuse; `calls` counts prepare and write. */
function saveTitle(title: string, version: number, options: { refuse?: boolean; id?: string } = {}) {
  const calls = { prepare: 0, write: 0 };
  const id = options.id ?? deckId;
  const result = db.$transaction(async (tx) =>
    saveVersioned(tx, hr, {
      entity: "deck",
      id,
      stored: await tx.deck.findUnique({ where: { id }, select: { title: true, version: true } }),
      version,
      current: (row) => row,
      prepare: (row) => {
        calls.prepare++;
        if (options.refuse) return invalid({ title: ["нельзя"] });
        return {
          before: { title: row.title },
          after: { title },
          write: (next) => {
            calls.write++;
            return tx.deck.update({ where: { id }, data: { title, version: next } });
          },
        };
      },
    }),
  );
  return { result, calls };
}

describe("saveVersioned, the one save of a versioned record", () => {
  it("answers a form loaded before another save with what is stored, before looking at the change, and writes nothing", async () => {
    const { result, calls } = saveTitle("Стало", 7);
    expect(await result).toEqual({ ok: false, error: "conflict", current: { title: "Было", version: 1 } });
    expect(calls).toEqual({ prepare: 0, write: 0 });
    expect(await stored()).toEqual({ title: "Было", version: 1 });
    expect(await audit()).toEqual([]);
  });

  it("passes a refusal of the change on and writes nothing", async () => {
    const { result, calls } = saveTitle("Стало", 1, { refuse: true });
    expect(await result).toEqual({ ok: false, error: "invalid", fieldErrors: { title: ["нельзя"] } });
    expect(calls.write).toBe(0);
    expect(await stored()).toEqual({ title: "Было", version: 1 });
  });

  it("changes nothing when the values are the stored ones", async () => {
    const { result, calls } = saveTitle("Было", 1);
    expect(await result).toEqual({ ok: true, id: deckId, version: 1 });
    expect(calls.write).toBe(0);
    expect(await audit()).toEqual([]);
  });

  it("writes with the next version and audits before and after with their versions", async () => {
    const { result } = saveTitle("Стало", 1);
    expect(await result).toEqual({ ok: true, id: deckId, version: 2 });
    expect(await stored()).toEqual({ title: "Стало", version: 2 });
    expect(await audit()).toEqual([{ action: "deck.update", before: { title: "Было", version: 1 }, after: { title: "Стало", version: 2 } }]);
  });

  it("answers not-found for a record that is gone", async () => {
    const { result, calls } = saveTitle("Стало", 1, { id: "no-such-deck" });
    expect(await result).toEqual({ ok: false, error: "not-found" });
    expect(calls.prepare).toBe(0);
  });
});
