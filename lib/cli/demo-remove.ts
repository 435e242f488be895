// `npm run demo:remove`: deactivates the demo accounts and clears the demo password of the
// content heads that got it (lib/admin/demo.ts), in the database `npm start` uses (DATABASE_URL,
// else the embedded PostgreSQL); audited without an actor. Prints `deactivated= passwords_cleared=`.
import { removeDemo } from "../admin/demo";
import { runCommand } from "../../prisma/cli";
import { openDatabase } from "../../prisma/database";
import { applyMigrations } from "../../prisma/schema-engine";

runCommand(async () => {
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const { deactivated, passwordsCleared } = await removeDemo();
    console.log(`deactivated=${deactivated} passwords_cleared=${passwordsCleared}`);
  } finally {
    await database.stop();
  }
});
