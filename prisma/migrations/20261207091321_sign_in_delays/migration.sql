-- The counters are short-lived: the old lock rows are dropped rather than converted.
DELETE FROM "LoginThrottle";

-- AlterTable
ALTER TABLE "LoginThrottle" DROP COLUMN "failures",
DROP COLUMN "lockedUntil",
DROP COLUMN "windowStart",
ADD COLUMN     "allowed" BOOLEAN NOT NULL,
ADD COLUMN     "count" INTEGER NOT NULL,
ADD COLUMN     "since" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "until" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL;

-- CreateIndex
CREATE INDEX "LoginThrottle_updatedAt_idx" ON "LoginThrottle"("updatedAt");
