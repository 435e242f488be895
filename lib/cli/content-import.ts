// `npm run content:import -- <folder> [--dry-run]`: applies a folder in the content/
// format to the database (DATABASE_URL, else the embedded PostgreSQL, as `npm start`
// uses), all or nothing. Prints `created=<n> changed=<n> retired=<n> errors=<n> warnings=<n>`,
// then one line per error on stderr (a bank lint error names the deck, the questions and
// the rule) and one line per bank lint warning on stdout; with any error nothing is
// written and it exits 1. --dry-run counts the same and writes nothing.
import { describeFinding } from "../content/bank-lint";
import { importContent } from "../content/import";
import { runCommand, UsageError } from "../../prisma/cli";
import { openDatabase } from "../../prisma/database";
import { applyMigrations } from "../../prisma/schema-engine";

runCommand(async () => {
  const args = process.argv.slice(2);
  const dryRun = args.includes("--dry-run");
  const folders = args.filter((arg) => arg !== "--dry-run");
  if (folders.length !== 1 || folders[0].startsWith("-")) {
    throw new UsageError("usage: npm run content:import -- <folder> [--dry-run]");
  }
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const result = await importContent(folders[0], { dryRun });
    console.log(
      `created=${result.created} changed=${result.changed} retired=${result.retired} errors=${result.errors.length} warnings=${result.warnings.length}`,
    );
    for (const warning of result.warnings) console.log(describeFinding(warning.deckSlug, warning));
    for (const error of result.errors) console.error(error);
    return result.errors.length ? 1 : 0;
  } finally {
    await database.stop();
  }
});
