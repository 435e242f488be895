-- CreateTable
CREATE TABLE "TopicScore" (
    "userId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "maxPoints" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TopicScore_pkey" PRIMARY KEY ("userId","cardId")
);

-- AddForeignKey
ALTER TABLE "TopicScore" ADD CONSTRAINT "TopicScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicScore" ADD CONSTRAINT "TopicScore_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- TopicScore follows the finished attempts' breakdowns (see schema.prisma): whatever
-- finishes, regrades or deletes an attempt, the running totals stay their sums.
CREATE FUNCTION "topic_score_add"("user_id" TEXT, "breakdown" JSONB, "factor" DOUBLE PRECISION) RETURNS VOID
LANGUAGE SQL AS $$
  INSERT INTO "TopicScore" ("userId", "cardId", "points", "maxPoints")
  SELECT user_id, entry."cardId", factor * sum(entry."points"), factor * sum(entry."maxPoints")
  FROM jsonb_to_recordset(breakdown) AS entry("cardId" TEXT, "points" DOUBLE PRECISION, "maxPoints" DOUBLE PRECISION)
  WHERE EXISTS (SELECT 1 FROM "Card" WHERE "Card"."id" = entry."cardId")
  GROUP BY entry."cardId"
  ON CONFLICT ("userId", "cardId") DO UPDATE
    SET "points" = "TopicScore"."points" + EXCLUDED."points", "maxPoints" = "TopicScore"."maxPoints" + EXCLUDED."maxPoints"
$$;

CREATE FUNCTION "topic_score_follow_attempt"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" <> 'IN_PROGRESS' AND jsonb_typeof(OLD."breakdown") = 'array' THEN
    PERFORM "topic_score_add"(OLD."userId", OLD."breakdown", -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."status" <> 'IN_PROGRESS' AND jsonb_typeof(NEW."breakdown") = 'array' THEN
    PERFORM "topic_score_add"(NEW."userId", NEW."breakdown", 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Attempt_topic_scores"
AFTER INSERT OR DELETE OR UPDATE OF "status", "breakdown", "userId" ON "Attempt"
FOR EACH ROW EXECUTE FUNCTION "topic_score_follow_attempt"();

-- The totals of the attempts finished before this migration.
INSERT INTO "TopicScore" ("userId", "cardId", "points", "maxPoints")
SELECT attempt."userId", entry."cardId", sum(entry."points"), sum(entry."maxPoints")
FROM "Attempt" attempt
CROSS JOIN LATERAL jsonb_to_recordset(attempt."breakdown") AS entry("cardId" TEXT, "points" DOUBLE PRECISION, "maxPoints" DOUBLE PRECISION)
JOIN "Card" card ON card."id" = entry."cardId"
WHERE attempt."status" <> 'IN_PROGRESS' AND jsonb_typeof(attempt."breakdown") = 'array'
GROUP BY attempt."userId", entry."cardId";
