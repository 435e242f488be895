import { isDeepStrictEqual } from "node:util";
import { db, type Tx } from "../lib/db";
import { applyContent, type ApplyCounts } from "../lib/content/apply";
import { lockContent } from "../lib/content/lock";
import { loadContent } from "../lib/content/load";
import { hashPassword } from "../lib/users/password";
import { demoHeadDepartments, demoPassword, demoUsers } from "./demo-users";

export type SeedResult = ApplyCounts & { demoUsers: number };

/** Creates the demo accounts (marked ACCOUNT) and gives the demo heads without a password the demo password (marked PASSWORD). */
async function applyDemoUsers(tx: Tx, passwordHash: string) {
  let count = 0;
  for (const user of demoUsers) {
    const department = await tx.department.findUniqueOrThrow({ where: { key: user.department } });
    const fields = { name: user.name, position: user.position, role: user.role, departmentId: department.id, demo: "ACCOUNT" as const };
    const existing = await tx.user.findUnique({ where: { email: user.email } });
    if (!existing) await tx.user.create({ data: { email: user.email, ...fields, passwordHash } });
    else if (Object.entries(fields).some(([key, value]) => !isDeepStrictEqual(existing[key as keyof typeof fields], value))) {
      await tx.user.update({ where: { id: existing.id }, data: fields });
    }
    count++;
  }
  const heads = await tx.department.findMany({
    where: { key: { in: demoHeadDepartments } },
    select: { head: { select: { id: true, passwordHash: true } } },
  });
  for (const { head } of heads) {
    if (!head) continue;
    if (!head.passwordHash) await tx.user.update({ where: { id: head.id }, data: { passwordHash, demo: "PASSWORD" } });
    count++;
  }
  return count;
}

type SeedOptions = { demo: boolean; contentDir?: string };

async function seedOnce(options: SeedOptions & { onlyIfNeverSeeded: boolean }): Promise<SeedResult | null> {
  const content = loadContent(options.contentDir);
  const passwordHash = options.demo ? await hashPassword(demoPassword) : null;
  return db.$transaction(
    async (tx) => {
      await lockContent(tx);
      if (options.onlyIfNeverSeeded && (await tx.seedRun.count()) > 0) return null;
      const { created, changed, retired } = await applyContent(tx, content);
      let demoCount = 0;
      if (passwordHash) {
        demoCount = await applyDemoUsers(tx, passwordHash);
        await tx.seedRun.create({ data: { kind: "demo", contentHash: content.hash } });
      }
      return { created, changed, retired, demoUsers: demoCount };
    },
    { timeout: 60_000 },
  );
}

/**
 * Loads content/ (validated before anything is written) and, with `demo`, the
 * demo users — all in one transaction. Idempotent: a second run changes nothing.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  return (await seedOnce({ ...options, onlyIfNeverSeeded: false })) as SeedResult;
}

/** Seeds only a database that was never seeded, so data HR changed is kept. */
export function seedIfNeverSeeded(options: SeedOptions) {
  return seedOnce({ ...options, onlyIfNeverSeeded: true });
}
