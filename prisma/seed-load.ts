// `npm run seed:load`: fills the load-test database (LOAD_DATABASE_URL, else its own
// embedded folder prisma/.data-load; never DATABASE_URL) with the seed content and a
// large company for `npm run bench:reports`: 2,000 employees in 20 departments and
// 100,000 finished attempts of 20 quarterly exams with all their items, plus study
// state. Deterministic: the same data on every run. Rows are generated inside
// PostgreSQL (generate_series), one exam at a time, printing progress.
import pg from "pg";
import { runCommand } from "./cli";
import { openLoadDatabase } from "./database";
import { applyMigrations } from "./schema-engine";
import { answerKeySchema, questionPayloadSchema, type QuestionType } from "../lib/content/question-data";

const EMPLOYEES = 2_000;
const EXTRA_DEPARTMENTS = 12;
const EXAMS = 20;
const ATTEMPTS_PER_EXAM = 5_000;
const QUESTIONS_PER_CARD = 2;
const REVIEWS_PER_USER = 50;
const PRACTICE_PER_USER = 20;
const DAY = 86_400_000;
// The org tree of content/ has 8 departments; the load adds groups under its units.
const GROUP_PARENTS = ["system-engineers", "customer-support", "sales", "implementation", "client-development", "project-office"];
// Employees go to departments with falling weights, so one subtree (СПС) is much larger than the rest.
const DEPARTMENT_ORDER = ["system-engineers", "customer-support", "sps", "sales", "implementation", "client-development", "project-office", "back-office"];
// Coprime with EMPLOYEES: the first 2,000 attempts of an exam are by 2,000 different people.
const USER_STRIDE = 7_919;

const surnames = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"];
const firstNames = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил"];

type LoadQuestion = { id: string; type: QuestionType; payload: unknown; answerKey: unknown };

/** A correct response and a few wrong ones, as a taker would send them. */
function responsesFor(question: LoadQuestion) {
  switch (question.type) {
    case "SINGLE": {
      const { options } = questionPayloadSchema.SINGLE.parse(question.payload);
      const [correct] = answerKeySchema.SINGLE.parse(question.answerKey).correct;
      return { correct: { choice: correct }, wrong: options.filter((o) => o.id !== correct).map((o) => ({ choice: o.id })) };
    }
    case "MULTIPLE": {
      const { options } = questionPayloadSchema.MULTIPLE.parse(question.payload);
      const { correct } = answerKeySchema.MULTIPLE.parse(question.answerKey);
      const others = options.filter((o) => !correct.includes(o.id)).map((o) => o.id);
      return { correct: { choices: correct }, wrong: others.map((id) => ({ choices: [...correct.slice(1), id] })) };
    }
    case "TRUE_FALSE": {
      const { value } = answerKeySchema.TRUE_FALSE.parse(question.answerKey);
      return { correct: { value }, wrong: [{ value: !value }] };
    }
    case "ORDERING": {
      const { order } = answerKeySchema.ORDERING.parse(question.answerKey);
      return { correct: { order }, wrong: [{ order: order.toReversed() }] };
    }
    case "MATCHING": {
      const { pairs } = answerKeySchema.MATCHING.parse(question.answerKey);
      const rights = pairs.map(([, right]) => right);
      const shifted = pairs.map(([left], index) => [left, rights[(index + 1) % rights.length]]);
      return { correct: { pairs: Object.fromEntries(pairs) }, wrong: [{ pairs: Object.fromEntries(shifted) }] };
    }
    case "SHORT_TEXT": {
      const { accepted } = answerKeySchema.SHORT_TEXT.parse(question.answerKey);
      return { correct: { text: accepted[0] }, wrong: [{ text: "не помню" }] };
    }
  }
}

// Quarterly exams up to the last full quarter: 2021 Q4 … 2026 Q3.
const quarterStart = (index: number) => new Date(Date.UTC(2021, 9 + index * 3, 1, 6));

async function createStructure(client: pg.Client) {
  await client.query(`
    INSERT INTO "Department" ("id", "key", "name", "position", "parentId", "createdAt", "updatedAt")
    SELECT 'load-group-' || g, 'load-group-' || g, 'Группа ' || g, 100 + g, parent."id", now(), now()
    FROM generate_series(1, $1::int) g
    JOIN "Department" parent ON parent."key" = ($2::text[])[1 + (g - 1) % array_length($2::text[], 1)]`,
    [EXTRA_DEPARTMENTS, GROUP_PARENTS],
  );
  const order = [...DEPARTMENT_ORDER, ...Array.from({ length: EXTRA_DEPARTMENTS }, (_, g) => `load-group-${g + 1}`)];
  // Employee i goes to department floor(n * (i / EMPLOYEES)^2) of `order`: 447 in the first, 5 or so in the last.
  await client.query(
    `
    INSERT INTO "User" ("id", "email", "name", "position", "role", "active", "departmentId", "createdAt", "updatedAt")
    SELECT 'load-user-' || i, 'load-' || lpad(i::text, 4, '0') || '@load.example',
           ($2::text[])[1 + i % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (i / 20) % array_length($3::text[], 1)] || ' ' || lpad(i::text, 4, '0'),
           'Инженер', 'EMPLOYEE', true, d."id", now(), now()
    FROM generate_series(0, $1::int - 1) i
    JOIN "Department" d ON d."key" = ($4::text[])[1 + floor(array_length($4::text[], 1) * power(i::float8 / $1, 2))::int]`,
    [EMPLOYEES, surnames, firstNames, order],
  );
  await client.query(`
    INSERT INTO "User" ("id", "email", "name", "position", "role", "active", "createdAt", "updatedAt")
    VALUES ('load-hr', 'hr@load.test', 'Кадровик Нагрузочный', 'Специалист по персоналу', 'HR', true, now(), now())`);
  await client.query(`
    CREATE TEMP TABLE load_user AS
    SELECT row_number() OVER (ORDER BY "id") - 1 AS idx, "id",
           1.2 + 1.1 * (pg_temp.rnd("id" || 'a') + pg_temp.rnd("id" || 'b') - 1) AS ability
    FROM "User" WHERE "email" LIKE '%@load.example'`);
}

async function createExams(client: pg.Client) {
  const { rows: cards } = await client.query<{ id: string }>(
    `SELECT c."id" FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId" WHERE d."slug" = 'attestation-prep' ORDER BY c."position"`,
  );
  const { rows: questions } = await client.query<LoadQuestion & { cardId: string }>(
    `SELECT "id", "cardId", "type", "payload", "answerKey" FROM "Question"
     WHERE "active" AND "pool" IN ('EXAM', 'BOTH') ORDER BY "cardId", "position", "key"`,
  );
  await client.query(`CREATE TEMP TABLE load_question (exam int, ord int, question_id text, difficulty float8, correct_response jsonb, wrong_responses jsonb)`);
  for (let exam = 0; exam < EXAMS; exam++) {
    const opens = quarterStart(exam);
    const closes = new Date(quarterStart(exam + 1).getTime() - DAY);
    const year = opens.getUTCFullYear();
    const quarter = opens.getUTCMonth() / 3 + 1;
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Exam" ("id", "key", "title", "description", "questionsPerCard", "timeLimitSeconds", "passPercent", "attemptsAllowed",
         "opensAt", "closesAt", "reviewPolicy", "published", "createdAt", "updatedAt")
       VALUES ($1, $1, $2, 'Нагрузочные данные', $3, 1800, 80, 3, $4, $5, 'FULL', true, now(), now()) RETURNING "id"`,
      [`load-exam-${exam + 1}`, `Аттестация ${year}, ${quarter} квартал`, QUESTIONS_PER_CARD, opens, closes],
    );
    const examId = rows[0].id;
    await client.query(`INSERT INTO "ExamCard" ("examId", "cardId") SELECT $1, unnest($2::text[])`, [examId, cards.map((c) => c.id)]);
    await client.query(
      `INSERT INTO "Assignment" ("id", "examId", "departmentId", "dueAt", "createdAt")
       SELECT $1 || '-assignment', $1, "id", $2, now() FROM "Department" WHERE "key" = 'back-office'`,
      [examId, closes],
    );
    const drawn = cards.flatMap((card) => {
      const pool = questions.filter((q) => q.cardId === card.id);
      return Array.from({ length: Math.min(QUESTIONS_PER_CARD, pool.length) }, (_, k) => pool[(exam * QUESTIONS_PER_CARD + k) % pool.length]);
    });
    for (const [ord, question] of drawn.entries()) {
      const { correct, wrong } = responsesFor(question);
      await client.query(
        `INSERT INTO load_question VALUES ($1::int, $2, $3, 3 * pg_temp.rnd($3 || '-' || $1::int) - 1, $4, $5)`,
        [exam, ord, question.id, JSON.stringify(correct), JSON.stringify(wrong)],
      );
    }
  }
}

/** One exam's attempts and items; the attempt's score and breakdown are the sums of its items. */
async function createAttempts(client: pg.Client, exam: number) {
  await client.query("BEGIN");
  await client.query(
    `
    CREATE TEMP TABLE load_item ON COMMIT DROP AS
    WITH attempt AS (
      SELECT n, u."id" AS user_id, u.ability + 0.3 * (n / $3::int) AS ability,
             $4::timestamptz + (n::float8 / $2 * 80 + pg_temp.rnd('t' || $1::int || '-' || n)) * interval '1 day' AS started_at
      FROM generate_series(0, $2::int - 1) n
      JOIN load_user u ON u.idx = (n * $5::bigint + $1::int * 13) % $3
    )
    SELECT a.n, a.user_id, a.started_at, q.ord, q.question_id, q.correct_response, q.wrong_responses,
           pg_temp.rnd('c' || $1::int || '-' || a.n || '-' || q.ord) < 1 / (1 + exp(q.difficulty - a.ability)) AS correct,
           pg_temp.rnd('w' || $1::int || '-' || a.n || '-' || q.ord) AS pick
    FROM attempt a JOIN load_question q ON q.exam = $1::int`,
    [exam, ATTEMPTS_PER_EXAM, EMPLOYEES, quarterStart(exam), USER_STRIDE],
  );
  await client.query(
    `
    INSERT INTO "Attempt" ("id", "userId", "examId", "status", "startedAt", "deadline", "submittedAt",
                           "score", "maxScore", "percent", "passed", "breakdown", "createdAt", "updatedAt")
    SELECT 'load-attempt-' || $1::int || '-' || t.n, t.user_id, 'load-exam-' || ($1::int + 1),
           CASE WHEN pg_temp.rnd('x' || $1::int || '-' || t.n) < 0.03 THEN 'EXPIRED' ELSE 'SUBMITTED' END::"AttemptStatus",
           t.started_at, t.started_at + interval '30 minutes', t.started_at + (8 + 22 * pg_temp.rnd('d' || $1::int || '-' || t.n)) * interval '1 minute',
           t.score, t.max_score, round((100 * t.score / t.max_score)::numeric, 1), 100 * t.score / t.max_score >= 80, t.breakdown, now(), now()
    FROM (
      SELECT per_card.n, per_card.user_id, per_card.started_at, sum(per_card.points) AS score, sum(per_card.max_points) AS max_score,
             jsonb_agg(jsonb_build_object('cardId', per_card.card_id, 'points', per_card.points, 'maxPoints', per_card.max_points)) AS breakdown
      FROM (
        SELECT i.n, i.user_id, i.started_at, q."cardId" AS card_id, sum(i.correct::int)::float8 AS points, count(*)::float8 AS max_points
        FROM load_item i JOIN "Question" q ON q."id" = i.question_id
        GROUP BY i.n, i.user_id, i.started_at, q."cardId"
      ) per_card
      GROUP BY per_card.n, per_card.user_id, per_card.started_at
    ) t`,
    [exam],
  );
  const inserted = await client.query(
    `
    INSERT INTO "AttemptItem" ("id", "attemptId", "position", "questionId", "questionVersion", "cardId", "type", "prompt",
                               "payload", "answerKey", "explanation", "response", "responseSeq", "savedAt", "correct", "points", "maxPoints")
    SELECT 'load-item-' || $1::int || '-' || i.n || '-' || i.ord, 'load-attempt-' || $1::int || '-' || i.n, i.ord, q."id", q."version", q."cardId",
           q."type", q."prompt", q."payload", q."answerKey", q."explanation",
           CASE WHEN i.correct THEN i.correct_response
                WHEN i.pick < 0.05 THEN NULL
                ELSE i.wrong_responses -> floor(power(i.pick, 2) * jsonb_array_length(i.wrong_responses))::int END,
           CASE WHEN i.correct OR i.pick >= 0.05 THEN 1 ELSE 0 END,
           CASE WHEN i.correct OR i.pick >= 0.05 THEN i.started_at + interval '5 minutes' END,
           i.correct, i.correct::int, 1
    FROM load_item i JOIN "Question" q ON q."id" = i.question_id`,
    [exam],
  );
  await client.query("COMMIT");
  return inserted.rowCount ?? 0;
}

async function createStudyState(client: pg.Client) {
  await client.query(
    `
    INSERT INTO "CardState" ("userId", "cardId", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "updatedAt")
    SELECT u."id", c."id", now() + (pg_temp.rnd(u."id" || c."id") * 20 - 5) * interval '1 day', 1 + 30 * pg_temp.rnd(c."id" || u."id"),
           5, 10, 0, 5, 1, 2, now() - 10 * pg_temp.rnd(u."id" || c."id" || 'l') * interval '1 day', now()
    FROM load_user u CROSS JOIN "Card" c
    WHERE pg_temp.rnd(u."id" || c."id" || 's') < 0.8`,
  );
  await client.query(
    `
    INSERT INTO "ReviewLog" ("id", "userId", "cardId", "rating", "state", "due", "stability", "difficulty", "scheduledDays", "learningSteps", "reviewedAt")
    SELECT 'load-review-' || u.idx || '-' || r, u."id", s."cardId", 3, 2, now(), 10, 5, 10, 0, now() - (r + pg_temp.rnd(u."id" || r)) * interval '1 day'
    FROM load_user u CROSS JOIN generate_series(1, $1::int) r
    JOIN LATERAL (SELECT "cardId" FROM "CardState" WHERE "userId" = u."id" ORDER BY "cardId" OFFSET r % 8 LIMIT 1) s ON true`,
    [REVIEWS_PER_USER],
  );
  await client.query(
    `
    INSERT INTO "PracticeAnswer" ("id", "userId", "questionId", "response", "correct", "points", "answeredAt")
    SELECT 'load-practice-' || u.idx || '-' || p, u."id", q.question_id, q.correct_response, true, 1, now() - (p + pg_temp.rnd(u."id" || p)) * interval '1 day'
    FROM load_user u CROSS JOIN generate_series(1, $1::int) p
    JOIN load_question q ON q.exam = 0 AND q.ord = (u.idx + p) % 22`,
    [PRACTICE_PER_USER],
  );
}

runCommand(async () => {
  const started = Date.now();
  const database = await openLoadDatabase({ fresh: true });
  const client = new pg.Client({ connectionString: database.url });
  try {
    process.env.DATABASE_URL = database.url;
    await applyMigrations(database.url);
    const { resetDatabase } = await import("../lib/testing/database");
    const { seed } = await import("./seeding");
    const { db } = await import("../lib/db");
    await resetDatabase();
    await seed({ demo: false });
    await db.$disconnect();

    await client.connect();
    // A deterministic uniform number in [0, 1) from a string, so every run makes the same data.
    await client.query(`CREATE FUNCTION pg_temp.rnd(text) RETURNS float8 IMMUTABLE LANGUAGE sql
      AS $$ SELECT ('x' || substr(md5($1), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
    await createStructure(client);
    console.log(`departments and ${EMPLOYEES} employees: ${Math.round((Date.now() - started) / 1000)} s`);
    await createExams(client);
    let items = 0;
    for (let exam = 0; exam < EXAMS; exam++) {
      items += await createAttempts(client, exam);
      console.log(`exam ${exam + 1}/${EXAMS}: ${(exam + 1) * ATTEMPTS_PER_EXAM} attempts, ${items} items, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await createStudyState(client);
    await client.query("ANALYZE");
    const { rows } = await client.query<{ departments: number; employees: number; attempts: number }>(`
      SELECT (SELECT count(*) FROM "Department")::int AS departments,
             (SELECT count(*) FROM "User" WHERE "email" LIKE '%@load.example')::int AS employees,
             (SELECT count(*) FROM "Attempt" WHERE "status" <> 'IN_PROGRESS')::int AS attempts`);
    const { departments, employees, attempts } = rows[0];
    console.log(`departments=${departments} employees=${employees} attempts=${attempts} items=${items} seconds=${Math.round((Date.now() - started) / 1000)}`);
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
});
