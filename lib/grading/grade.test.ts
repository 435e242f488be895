import { describe, expect, it } from "vitest";
import type { AnswerKey, QuestionPayload, QuestionType } from "../content/question-data";
import { answerKeySchema, questionPayloadSchema } from "../content/question-data";
import {
  describeKey,
  grade,
  normalizeShortText,
  parseResponse,
  presentPayload,
  responseSchema,
} from "./grade";

const choices = (ids: string[]) => ids.map((id) => ({ id, text: `text ${id}` }));

const single = { payload: { options: choices(["a", "b", "c", "d"]) }, key: { correct: ["b"] } };
const multiple = { payload: { options: choices(["a", "b", "c", "d"]) }, key: { correct: ["a", "c"] } };
const ordering = { payload: { items: choices(["a", "b", "c", "d"]) }, key: { order: ["a", "b", "c", "d"] } };
const matching = {
  payload: { left: choices(["la", "lb", "lc"]), right: choices(["ra", "rb", "rc"]) },
  key: {
    pairs: [
      ["la", "ra"],
      ["lb", "rb"],
      ["lc", "rc"],
    ] as [string, string][],
  },
};
const shortText = { payload: {}, key: { accepted: ["ТехКАС", "Ёлка зелёная"] } };

const types: QuestionType[] = ["SINGLE", "MULTIPLE", "TRUE_FALSE", "ORDERING", "MATCHING", "SHORT_TEXT"];

describe("the fixtures", () => {
  it("are valid stored payloads and keys", () => {
    expect(questionPayloadSchema.SINGLE.parse(single.payload)).toEqual(single.payload);
    expect(answerKeySchema.MULTIPLE.parse(multiple.key)).toEqual(multiple.key);
    expect(questionPayloadSchema.MATCHING.parse(matching.payload)).toEqual(matching.payload);
    expect(answerKeySchema.MATCHING.parse(matching.key)).toEqual(matching.key);
    expect(answerKeySchema.SHORT_TEXT.parse(shortText.key)).toEqual(shortText.key);
  });
});

describe("grade", () => {
  it("SINGLE: right 1, wrong 0", () => {
    expect(grade("SINGLE", single.key, { choice: "b" })).toEqual({ points: 1, maxPoints: 1, correct: true });
    expect(grade("SINGLE", single.key, { choice: "a" })).toEqual({ points: 0, maxPoints: 1, correct: false });
  });

  it("MULTIPLE, ALL_OR_NOTHING (default): only the exact set earns 1", () => {
    expect(grade("MULTIPLE", multiple.key, { choices: ["c", "a"] }).points).toBe(1);
    expect(grade("MULTIPLE", multiple.key, { choices: ["a"] })).toEqual({ points: 0, maxPoints: 1, correct: false });
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "c", "d"] }).points).toBe(0);
    expect(grade("MULTIPLE", multiple.key, { choices: [] }).points).toBe(0);
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "b", "c", "d"] }, { multipleScoring: "ALL_OR_NOTHING" }).points).toBe(0);
  });

  it("MULTIPLE, PROPORTIONAL: (right − wrong) / correct, at least 0; choosing everything pays nothing", () => {
    const opts = { multipleScoring: "PROPORTIONAL" } as const;
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "c"] }, opts)).toEqual({ points: 1, maxPoints: 1, correct: true });
    expect(grade("MULTIPLE", multiple.key, { choices: ["a"] }, opts)).toEqual({ points: 0.5, maxPoints: 1, correct: false });
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "c", "d"] }, opts).points).toBe(0.5);
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "b"] }, opts).points).toBe(0);
    expect(grade("MULTIPLE", multiple.key, { choices: ["b", "d"] }, opts).points).toBe(0);
    expect(grade("MULTIPLE", multiple.key, { choices: ["a", "b", "c", "d"] }, opts)).toEqual({
      points: 0,
      maxPoints: 1,
      correct: false,
    });
    expect(grade("MULTIPLE", multiple.key, { choices: [] }, opts).points).toBe(0);
  });

  it("TRUE_FALSE: right 1, wrong 0", () => {
    expect(grade("TRUE_FALSE", { value: false }, { value: false }).correct).toBe(true);
    expect(grade("TRUE_FALSE", { value: false }, { value: true })).toEqual({ points: 0, maxPoints: 1, correct: false });
    expect(grade("TRUE_FALSE", { value: true }, { value: true }).points).toBe(1);
  });

  it("ORDERING: exact order only", () => {
    expect(grade("ORDERING", ordering.key, { order: ["a", "b", "c", "d"] }).points).toBe(1);
    expect(grade("ORDERING", ordering.key, { order: ["a", "b", "d", "c"] }).points).toBe(0);
    expect(grade("ORDERING", ordering.key, { order: ["a", "b", "c"] }).points).toBe(0);
    expect(grade("ORDERING", ordering.key, { order: [] }).points).toBe(0);
  });

  it("MATCHING: the share of correctly mapped left ids", () => {
    expect(grade("MATCHING", matching.key, { pairs: { la: "ra", lb: "rb", lc: "rc" } })).toEqual({
      points: 1,
      maxPoints: 1,
      correct: true,
    });
    const partial = grade("MATCHING", matching.key, { pairs: { la: "ra", lb: "rb", lc: "rx" } });
    expect(partial.points).toBeCloseTo(2 / 3);
    expect(partial.correct).toBe(false);
    expect(grade("MATCHING", matching.key, { pairs: { la: "ra", lb: "rc", lc: "rb" } }).points).toBeCloseTo(1 / 3);
    expect(grade("MATCHING", matching.key, { pairs: { la: "rb", lb: "rc", lc: "ra" } }).points).toBe(0);
    expect(grade("MATCHING", matching.key, { pairs: { la: "ra" } }).points).toBeCloseTo(1 / 3);
    expect(grade("MATCHING", matching.key, { pairs: {} }).points).toBe(0);
  });

  it("SHORT_TEXT: any accepted variant after normalization; empty is 0", () => {
    const ok = (text: string) => grade("SHORT_TEXT", shortText.key, { text }).points;
    expect(ok("ТехКАС")).toBe(1);
    expect(ok("техкас")).toBe(1);
    expect(ok("  ТЕХКАС  ")).toBe(1);
    expect(ok("ТехКАС.")).toBe(1);
    expect(ok("«ТехКАС»")).toBe(1);
    expect(ok('"техкас"!')).toBe(1);
    expect(ok("елка   Зеленая")).toBe(1);
    expect(ok("Ёлка\tзелёная.")).toBe(1);
    expect(ok("ТехКАС2")).toBe(0);
    expect(ok("Тех КАС")).toBe(0);
    expect(ok("")).toBe(0);
    expect(ok("  . ")).toBe(0);
    expect(grade("SHORT_TEXT", { accepted: ["."] }, { text: "" }).points).toBe(0);
  });

  it("a missing response earns 0 for every type", () => {
    const keys: Record<QuestionType, AnswerKey> = {
      SINGLE: single.key,
      MULTIPLE: multiple.key,
      TRUE_FALSE: { value: true },
      ORDERING: ordering.key,
      MATCHING: matching.key,
      SHORT_TEXT: shortText.key,
    };
    for (const type of types) {
      expect(grade(type, keys[type], null)).toEqual({ points: 0, maxPoints: 1, correct: false });
      expect(grade(type, keys[type], undefined)).toEqual({ points: 0, maxPoints: 1, correct: false });
      expect(grade(type, keys[type], undefined, { multipleScoring: "PROPORTIONAL" }).points).toBe(0);
    }
  });
});

describe("normalizeShortText", () => {
  it("lower-cases, trims, collapses whitespace and replaces ё", () => {
    expect(normalizeShortText("  Ёжик   В\n ТУМАНЕ ")).toBe("ежик в тумане");
    // A decomposed «ё» (е + combining diaeresis) too.
    expect(normalizeShortText("е\u0308лка")).toBe("елка");
  });

  it("strips trailing punctuation and surrounding quotes, keeps inner ones", () => {
    expect(normalizeShortText("Ответ.")).toBe("ответ");
    expect(normalizeShortText("Ответ?!")).toBe("ответ");
    expect(normalizeShortText("«Ответ».")).toBe("ответ");
    expect(normalizeShortText("'ответ' ;")).toBe("ответ");
    expect(normalizeShortText("\"ответ\"")).toBe("ответ");
    expect(normalizeShortText("т.е. ответ, да")).toBe("т.е. ответ, да");
    expect(normalizeShortText("...ответ")).toBe("...ответ");
    expect(normalizeShortText("")).toBe("");
  });

  it("joins a number and its percent sign, so «98 %» is «98%»", () => {
    expect(normalizeShortText("98 %")).toBe("98%");
    expect(normalizeShortText("98\u00a0%")).toBe("98%");
    expect(normalizeShortText("минимум 98  % обращений")).toBe("минимум 98% обращений");
    expect(normalizeShortText("% 5")).toBe("% 5");
    expect(grade("SHORT_TEXT", { accepted: ["98%", "98"] }, { text: "98 %" }).points).toBe(1);
    expect(grade("SHORT_TEXT", { accepted: ["80 %"] }, { text: "80%" }).points).toBe(1);
  });

  it("is idempotent", () => {
    for (const text of ["«Ёлка».", "  A  b ", "x, y!", "98 % "]) {
      expect(normalizeShortText(normalizeShortText(text))).toBe(normalizeShortText(text));
    }
  });
});

describe("parseResponse", () => {
  it("accepts well-formed responses of every type", () => {
    expect(parseResponse("SINGLE", { choice: "b" }, single.payload)).toEqual({ ok: true, response: { choice: "b" } });
    expect(parseResponse("MULTIPLE", { choices: [] }, multiple.payload)).toEqual({ ok: true, response: { choices: [] } });
    expect(parseResponse("MULTIPLE", { choices: ["d", "a"] }, multiple.payload).ok).toBe(true);
    expect(parseResponse("TRUE_FALSE", { value: false }, {})).toEqual({ ok: true, response: { value: false } });
    expect(parseResponse("ORDERING", { order: ["d", "c", "b", "a"] }, ordering.payload).ok).toBe(true);
    expect(parseResponse("MATCHING", { pairs: { la: "rc", lb: "ra" } }, matching.payload)).toEqual({
      ok: true,
      response: { pairs: { la: "rc", lb: "ra" } },
    });
    expect(parseResponse("SHORT_TEXT", { text: "ТехКАС" }, {}).ok).toBe(true);
    // Without a payload only the shape is checked.
    expect(parseResponse("SINGLE", { choice: "zzz" }).ok).toBe(true);
  });

  it("rejects values of the wrong shape", () => {
    const bad: [QuestionType, unknown][] = [
      ["SINGLE", null],
      ["SINGLE", { choice: 1 }],
      ["SINGLE", { choice: "a", extra: true }],
      ["MULTIPLE", { choices: "a" }],
      ["MULTIPLE", { choices: ["a", "a"] }],
      ["TRUE_FALSE", { value: "true" }],
      ["ORDERING", { order: ["a", "a", "b", "c"] }],
      ["MATCHING", { pairs: [["la", "ra"]] }],
      ["MATCHING", { pairs: { la: 1 } }],
      ["SHORT_TEXT", { text: "x".repeat(501) }],
      ["SHORT_TEXT", "ТехКАС"],
    ];
    for (const [type, value] of bad) {
      const result = parseResponse(type, value);
      expect(result.ok, `${type} ${JSON.stringify(value)}`).toBe(false);
      if (!result.ok) expect(result.error).toMatch(new RegExp(`^invalid ${type} response: `));
    }
    expect(parseResponse("SHORT_TEXT", { text: "x".repeat(500) }).ok).toBe(true);
  });

  it("rejects ids that are not in the payload", () => {
    const single1 = parseResponse("SINGLE", { choice: "z" }, single.payload);
    expect(single1).toEqual({ ok: false, error: 'invalid SINGLE response: choice "z" is not an option' });
    const multiple1 = parseResponse("MULTIPLE", { choices: ["a", "z"] }, multiple.payload);
    expect(multiple1.ok).toBe(false);
    if (!multiple1.ok) expect(multiple1.error).toContain('"z"');
    expect(parseResponse("MATCHING", { pairs: { lz: "ra" } }, matching.payload).ok).toBe(false);
    expect(parseResponse("MATCHING", { pairs: { la: "rz" } }, matching.payload).ok).toBe(false);
    // A right id as a left one and vice versa.
    expect(parseResponse("MATCHING", { pairs: { ra: "la" } }, matching.payload).ok).toBe(false);
    expect(parseResponse("MATCHING", { pairs: { la: "ra", lb: "ra" } }, matching.payload).ok).toBe(false);
    // zod drops a "__proto__" key (no prototype pollution): an empty, harmless map remains.
    const proto = parseResponse("MATCHING", JSON.parse(`{"pairs":{"__proto__":"ra"}}`), matching.payload);
    expect(proto).toEqual({ ok: true, response: { pairs: {} } });
    if (proto.ok) expect(Object.getPrototypeOf(proto.response.pairs)).toBe(Object.prototype);
  });

  it("rejects an order that is not a permutation of the items", () => {
    const notPermutations = [[], ["a", "b", "c"], ["a", "b", "c", "d", "e"], ["a", "b", "c", "z"], ["a", "b", "c", "c"]];
    for (const order of notPermutations) {
      expect(parseResponse("ORDERING", { order }, ordering.payload).ok, JSON.stringify(order)).toBe(false);
    }
  });

  it("has a schema for every type", () => {
    expect(Object.keys(responseSchema).sort()).toEqual([...types].sort());
  });
});

describe("describeKey", () => {
  it("describes each type with the payload's texts", () => {
    expect(describeKey("SINGLE", single.payload, single.key)).toEqual({ type: "SINGLE", texts: ["text b"] });
    expect(describeKey("MULTIPLE", multiple.payload, multiple.key)).toEqual({
      type: "MULTIPLE",
      texts: ["text a", "text c"],
    });
    expect(describeKey("TRUE_FALSE", {}, { value: false })).toEqual({ type: "TRUE_FALSE", value: false });
    expect(describeKey("ORDERING", ordering.payload, { order: ["c", "a", "b", "d"] })).toEqual({
      type: "ORDERING",
      texts: ["text c", "text a", "text b", "text d"],
    });
    expect(describeKey("MATCHING", matching.payload, matching.key)).toEqual({
      type: "MATCHING",
      pairs: [
        ["text la", "text ra"],
        ["text lb", "text rb"],
        ["text lc", "text rc"],
      ],
    });
    expect(describeKey("SHORT_TEXT", {}, shortText.key)).toEqual({ type: "SHORT_TEXT", accepted: shortText.key.accepted });
  });

  it("throws when the key refers to an id the payload lacks", () => {
    expect(() => describeKey("SINGLE", single.payload, { correct: ["z"] })).toThrow(/"z"/);
  });
});


describe("presentPayload", () => {
  const ids = (list: { id: string }[]) => list.map((choice) => choice.id);
  const sorted = (list: { id: string }[]) => ids(list).sort();

  it("shuffles options, items and the right side, keeping the same ids", () => {
    for (const seed of ["s1", "s2", "s3"]) {
      const s = presentPayload("SINGLE", single.payload, seed);
      expect(sorted(s.options)).toEqual(sorted(single.payload.options));
      expect(s.options).toEqual(expect.arrayContaining(single.payload.options));
      const m = presentPayload("MULTIPLE", multiple.payload, seed);
      expect(sorted(m.options)).toEqual(sorted(multiple.payload.options));
      const o = presentPayload("ORDERING", ordering.payload, seed);
      expect(sorted(o.items)).toEqual(sorted(ordering.payload.items));
      const x = presentPayload("MATCHING", matching.payload, seed);
      expect(x.left).toEqual(matching.payload.left);
      expect(sorted(x.right)).toEqual(sorted(matching.payload.right));
      expect(x.right).toEqual(expect.arrayContaining(matching.payload.right));
    }
  });

  it("is deterministic per seed and does not mutate the payload", () => {
    const before = structuredClone(ordering.payload);
    expect(presentPayload("ORDERING", ordering.payload, "x")).toEqual(presentPayload("ORDERING", ordering.payload, "x"));
    expect(ordering.payload).toEqual(before);
  });

  it("shows two ORDERING items in either order, so the shown order does not give the key away", () => {
    const two = { items: choices(["a", "b"]) };
    const orders = new Set(Array.from({ length: 50 }, (_, i) => ids(presentPayload("ORDERING", two, `seed-${i}`).items).join(",")));
    expect(orders).toEqual(new Set(["a,b", "b,a"]));
  });

  it("keeps only ids and texts, and leaves TRUE_FALSE/SHORT_TEXT as they are", () => {
    const stored = { options: [{ id: "a", text: "A", correct: true }], key: ["a"] };
    const withExtra: QuestionPayload<"SINGLE"> = stored;
    expect(presentPayload("SINGLE", withExtra, "s")).toEqual({ options: [{ id: "a", text: "A" }] });
    expect(presentPayload("TRUE_FALSE", {}, "s")).toEqual({});
    expect(presentPayload("SHORT_TEXT", {}, "s")).toEqual({});
  });
});
