// The one Prisma client. Connects on first use, so importing this module never
// needs DATABASE_URL (the build and test runners import it without one).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { parseEnv } from "./env";

/** How long a transaction may wait for a connection of the pool before it fails. */
const TRANSACTION_MAX_WAIT_MS = 30_000;

function createClient() {
  const url = parseEnv().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the portal with `npm start`, which provides the database.");
  }
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    omit: { user: { passwordHash: true } },
    // A transaction waits for a free connection as long as a plain query does under load
    // (Prisma's default gives up after 2 s: an exam start then failed instead of queueing).
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

function client() {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

export const db = new Proxy({} as ReturnType<typeof createClient>, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

export type Tx = Parameters<Parameters<(typeof db)["$transaction"]>[0]>[0];
