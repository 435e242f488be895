// `npm run db:migrate`: applies prisma/migrations (= `prisma migrate deploy`).
import { runCommand } from "./cli";
import { openDatabase } from "./database";
import { applyMigrations } from "./schema-engine";

runCommand(async () => {
  const database = await openDatabase();
  try {
    const applied = await applyMigrations(database.url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  } finally {
    await database.stop();
  }
});
