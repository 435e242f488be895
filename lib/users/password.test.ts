import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

const password = "correct horse battery";
// bcrypt at cost 12, as hashes made before the argon2id upgrade may still be stored.
const oldBcryptHash = "$2b$12$NuPsy.v6xbdufYnDbJy.U.mbldIw97a5LDJSk4iZ4CyLDT5NgJ0re";

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

  it("leaves the event loop free while an old cost-12 bcrypt hash is verified", async () => {
    const before = performance.eventLoopUtilization();
    const started = performance.now();
    const [right, wrong] = await Promise.all([verifyPassword(password, oldBcryptHash), verifyPassword("wrong password", oldBcryptHash)]);
    const busy = performance.eventLoopUtilization(before).utilization;
    console.log(`two cost-12 bcrypt verifies: ${(performance.now() - started).toFixed(0)} ms, event-loop utilization ${busy.toFixed(3)}`);
    expect(right).toBe(true);
    expect(wrong).toBe(false);
    // bcryptjs computes in JavaScript on the loop (utilization near 1); a native verify leaves it idle.
    expect(busy).toBeLessThan(0.5);
  });
});
