import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("word diff", () => {
  it("marks the changed Russian words whole, and nothing else", () => {
    const parts = wordDiff("Заявки принимаются до 15 числа каждого месяца.", "Заявки принимаются до 20 числа следующего месяца.");
    expect(parts.filter((part) => part.change === "removed").map((part) => part.text)).toEqual(["15", "каждого"]);
    expect(parts.filter((part) => part.change === "added").map((part) => part.text)).toEqual(["20", "следующего"]);
    expect(parts.filter((part) => part.change !== "added").map((part) => part.text).join("")).toBe("Заявки принимаются до 15 числа каждого месяца.");
    expect(parts.filter((part) => part.change !== "removed").map((part) => part.text).join("")).toBe("Заявки принимаются до 20 числа следующего месяца.");
  });

  it("the same text is one unchanged part", () => {
    expect(wordDiff("Руководитель — Иванов", "Руководитель — Иванов")).toEqual([{ text: "Руководитель — Иванов", change: "same" }]);
  });
});
