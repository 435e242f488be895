-- CreateEnum
CREATE TYPE "ReviewTiming" AS ENUM ('AFTER_EACH_ATTEMPT', 'AFTER_LAST_ATTEMPT', 'AFTER_CLOSE');

-- AlterTable
ALTER TABLE "Exam" ADD COLUMN     "reviewTiming" "ReviewTiming" NOT NULL DEFAULT 'AFTER_LAST_ATTEMPT',
ALTER COLUMN "reviewPolicy" SET DEFAULT 'FULL';

-- Existing exams: review after close stays so; every other exam shows its full review only
-- after the taker's last attempt (as before for a single attempt, no keys before a retake).
UPDATE "Exam" SET "reviewTiming" = 'AFTER_CLOSE' WHERE "reviewAfterClose";

ALTER TABLE "Exam" DROP COLUMN "reviewAfterClose";
