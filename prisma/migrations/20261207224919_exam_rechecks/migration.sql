-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "recheckId" TEXT;

-- AlterTable
ALTER TABLE "Exam" ADD COLUMN     "recheckDays" INTEGER;

-- CreateTable
CREATE TABLE "Recheck" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "cardIds" TEXT[],
    "dueAt" TIMESTAMP(3) NOT NULL,
    "passedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Recheck_userId_examId_idx" ON "Recheck"("userId", "examId");

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_recheckId_fkey" FOREIGN KEY ("recheckId") REFERENCES "Recheck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recheck" ADD CONSTRAINT "Recheck_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recheck" ADD CONSTRAINT "Recheck_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one open re-check per user and exam (a change of another card joins it).
CREATE UNIQUE INDEX "Recheck_open_key" ON "Recheck"("userId", "examId") WHERE "passedAt" IS NULL;

ALTER TABLE "Exam" ADD CONSTRAINT "Exam_recheckDays_check" CHECK ("recheckDays" IS NULL OR "recheckDays" BETWEEN 1 AND 365);
