// `npm run db:seed [-- --demo]`: loads content/ (and the demo users) into the database.
import { runCommand } from "./cli";
import { openDatabase } from "./database";
import { applyMigrations } from "./schema-engine";
import { seed } from "./seeding";

runCommand(async () => {
  const demo = process.argv.includes("--demo");
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const result = await seed({ demo });
    console.log(
      `created=${result.created} changed=${result.changed} retired=${result.retired}${demo ? ` demo_users=${result.demoUsers}` : ""}`,
    );
  } finally {
    await database.stop();
  }
});
