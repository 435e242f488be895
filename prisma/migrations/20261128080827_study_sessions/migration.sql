/*
  Warnings:

  - Added the required column `points` to the `PracticeAnswer` table without a default value. This is not possible if the table is not empty.

*/
-- CreateEnum
CREATE TYPE "StudyMode" AS ENUM ('CRAM', 'PRACTICE');

-- AlterTable
ALTER TABLE "PracticeAnswer" ADD COLUMN     "points" DOUBLE PRECISION NOT NULL;

-- CreateTable
CREATE TABLE "StudySession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "mode" "StudyMode" NOT NULL,
    "queue" TEXT[],
    "step" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "wrong" INTEGER NOT NULL DEFAULT 0,
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudySession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudySession_userId_deckId_mode_finishedAt_idx" ON "StudySession"("userId", "deckId", "mode", "finishedAt");

-- AddForeignKey
ALTER TABLE "StudySession" ADD CONSTRAINT "StudySession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudySession" ADD CONSTRAINT "StudySession_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one unfinished session per user, deck and mode (two tabs share it).
CREATE UNIQUE INDEX "StudySession_one_open_per_user_deck_mode" ON "StudySession"("userId", "deckId", "mode") WHERE "finishedAt" IS NULL;
