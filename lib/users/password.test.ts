import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

const password = "correct horse battery";

describe("password hashing", () => {
  it("hashes new passwords with argon2id and verifies them", async () => {
    const hash = await hashPassword(password);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword("wrong password", hash)).toBe(false);
  });

  it("leaves the event loop free during 20 parallel verifies", async () => {
    const hash = await hashPassword(password);
    const before = performance.eventLoopUtilization();
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyPassword(password, hash)));
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(results.every(Boolean)).toBe(true);
    // The share of the time the loop spent running code rather than waiting: bcryptjs keeps it near 1.
    expect(busy).toBeLessThan(0.5);
  });
});
