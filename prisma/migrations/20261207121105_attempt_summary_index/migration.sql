-- DropIndex
DROP INDEX "Attempt_userId_examId_idx";

-- CreateIndex
CREATE INDEX "Attempt_userId_examId_startedAt_status_passed_percent_idx" ON "Attempt"("userId", "examId", "startedAt" DESC, "status", "passed", "percent");
