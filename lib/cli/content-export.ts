// `npm run content:export -- <folder>`: writes the database's decks, cards,
// questions, exams and department tree in the content/ format into a new or empty
// folder (DATABASE_URL, else the embedded PostgreSQL, as `npm start` uses). What
// the format leaves out: lib/content/export.ts.
import { exportContent } from "../content/export";
import { runCommand, UsageError } from "../../prisma/cli";
import { openDatabase } from "../../prisma/database";
import { applyMigrations } from "../../prisma/schema-engine";

runCommand(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith("-")) throw new UsageError("usage: npm run content:export -- <folder>");
  const database = await openDatabase();
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const content = await exportContent(args[0]);
    const cards = content.decks.flatMap((deck) => deck.cards);
    console.log(
      `decks=${content.decks.length} cards=${cards.length} questions=${cards.flatMap((card) => card.questions).length} exams=${content.exams.length} departments=${content.departments.length}`,
    );
  } finally {
    await database.stop();
  }
});
