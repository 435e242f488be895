// The migration that replaced Exam.reviewAfterClose with Exam.reviewTiming, run on
// exams written before it, in a database of its own.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noFilters, readMigrationList, withSchemaEngine } from "./schema-engine";

const MIGRATION = "20261207085208_review_timing";
const databaseName = "review_timing_migration";

function urlOf(database: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function query(database: string, text: string) {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** Applies the migrations up to `last` (inclusive). */
async function migrateTo(last: string) {
  const list = readMigrationList();
  const migrationDirectories = list.migrationDirectories.filter((folder) => folder.path <= last);
  await withSchemaEngine(urlOf(databaseName), (engine) =>
    engine.applyMigrations({ migrationsList: { ...list, migrationDirectories }, filters: noFilters }),
  );
}

describe("the review_timing migration", () => {
  const adminDatabase = new URL(process.env.DATABASE_URL!).pathname.slice(1);

  beforeAll(async () => {
    await query(adminDatabase, `DROP DATABASE IF EXISTS ${databaseName}`);
    await query(adminDatabase, `CREATE DATABASE ${databaseName}`);
  });

  afterAll(async () => {
    await query(adminDatabase, `DROP DATABASE IF EXISTS ${databaseName}`);
  });

  it("keeps review after close, holds the full review back until the last attempt otherwise, and defaults new exams to that", async () => {
    const folders = readMigrationList().migrationDirectories.map((folder) => folder.path);
    await migrateTo(folders[folders.indexOf(MIGRATION) - 1]);
    await query(
      databaseName,
      `INSERT INTO "Exam" ("id", "key", "title", "questionCount", "timeLimitSeconds", "passPercent", "reviewPolicy", "reviewAfterClose", "closesAt", "updatedAt") VALUES
        ('closed', 'closed', 'После закрытия', 5, 600, 80, 'FULL', true, now(), now()),
        ('open', 'open', 'Сразу', 5, 600, 80, 'FULL', false, NULL, now()),
        ('topics', 'topics', 'По темам', 5, 600, 80, 'BREAKDOWN', false, NULL, now())`,
    );
    await migrateTo(MIGRATION);
    await query(databaseName, `INSERT INTO "Exam" ("id", "key", "title", "questionCount", "timeLimitSeconds", "passPercent", "updatedAt") VALUES ('new', 'new', 'Новый', 5, 600, 80, now())`);
    const rows = await query(databaseName, `SELECT "id", "reviewPolicy", "reviewTiming" FROM "Exam" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "closed", reviewPolicy: "FULL", reviewTiming: "AFTER_CLOSE" },
      { id: "new", reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT" },
      { id: "open", reviewPolicy: "FULL", reviewTiming: "AFTER_LAST_ATTEMPT" },
      { id: "topics", reviewPolicy: "BREAKDOWN", reviewTiming: "AFTER_LAST_ATTEMPT" },
    ]);
  });
});
