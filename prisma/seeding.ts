import { db } from "../lib/db";
import { applyContent, type ApplyCounts } from "../lib/content/apply";
import { loadContent } from "../lib/content/load";
import { hashPassword } from "../lib/users/password";
import { demoHeadDepartments, demoPassword, demoUsers } from "./demo-users";

export type SeedResult = ApplyCounts & { demoUsers: number };

/**
 * Loads content/ (validated before anything is written) and, with `demo`, the
 * demo users — all in one transaction. Idempotent: a second run changes nothing.
 */
export async function seed(options: { demo: boolean; contentDir?: string }): Promise<SeedResult> {
  const content = loadContent(options.contentDir);
  const passwordHash = options.demo ? await hashPassword(demoPassword) : null;
  return db.$transaction(
    async (tx) => {
      const counts = await applyContent(tx, content);
      let demoCount = 0;
      if (passwordHash) {
        for (const user of demoUsers) {
          const department = await tx.department.findUniqueOrThrow({ where: { key: user.department } });
          const fields = { name: user.name, position: user.position, role: user.role, departmentId: department.id };
          await tx.user.upsert({
            where: { email: user.email },
            create: { email: user.email, ...fields, passwordHash },
            update: fields,
          });
          demoCount++;
        }
        const heads = await tx.department.findMany({
          where: { key: { in: demoHeadDepartments } },
          select: { head: { select: { id: true } } },
        });
        for (const { head } of heads) {
          if (!head) continue;
          const current = await tx.user.findUniqueOrThrow({ where: { id: head.id }, select: { passwordHash: true } });
          if (!current.passwordHash) await tx.user.update({ where: { id: head.id }, data: { passwordHash } });
          demoCount++;
        }
        await tx.seedRun.create({ data: { kind: "demo", contentHash: content.hash } });
      }
      return { ...counts, demoUsers: demoCount };
    },
    { timeout: 60_000 },
  );
}

/** Seeds only a database that was never seeded, so data HR changed is kept. */
export async function seedIfNeverSeeded(options: { demo: boolean }): Promise<SeedResult | null> {
  if ((await db.seedRun.count()) > 0) return null;
  return seed(options);
}
