// Helpers for unit tests that use the real test database.
import type { CurrentUser } from "../auth";
import { db } from "../db";

/** Empties every table, so each test file starts from nothing. */
export async function resetDatabase() {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/** A user as lib/ functions receive the signed-in user, found by email. */
export async function viewer(email: string): Promise<CurrentUser> {
  return db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, position: true, role: true, departmentId: true },
  });
}
