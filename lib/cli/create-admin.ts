// `npm run user:create-admin -- <email> [--name <name>] [--url <portal URL>]`: creates an
// active ADMIN without a password in the database (DATABASE_URL, else the embedded
// PostgreSQL) and prints a one-time link (72 hours) where they set their password.
// The way in for an install without demo accounts; the link is shown only here.
import { parseArgs } from "node:util";
import { createAdminFromCommandLine } from "../admin/users";
import { env } from "../env";
import { runCommand, UsageError } from "../../prisma/cli";
import { openDatabase } from "../../prisma/database";
import { applyMigrations } from "../../prisma/schema-engine";

const usage = 'usage: npm run user:create-admin -- <email> [--name "<name>"] [--url <portal URL, default PORTAL_URL or http://localhost:PORT>]';

runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { name: { type: "string", default: "Администратор" }, url: { type: "string" } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(usage);
  const [email] = positionals;
  const url = (values.url ?? env().PORTAL_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, "");
  if (!URL.canParse(url)) throw new UsageError(`--url "${url}" is not a URL.\n${usage}`);

  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const outcome = await createAdminFromCommandLine({ email, name: values.name });
    if (!outcome.ok) {
      const problems = outcome.error === "invalid" ? Object.entries(outcome.fieldErrors) : [];
      throw new UsageError(problems.map(([field, messages]) => `${field} "${field === "email" ? email : values.name}": ${messages?.join(" ")}`).join("; "));
    }
    console.log(
      [
        `Created the admin ${email.trim().toLowerCase()}. Send them this link to set their password; it works once, until ${outcome.expiresAt.toISOString()}:`,
        `  ${url}${outcome.path}`,
      ].join("\n"),
    );
  } finally {
    await database.stop();
  }
});
