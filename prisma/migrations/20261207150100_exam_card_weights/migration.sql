-- CreateEnum
CREATE TYPE "CardWeighting" AS ENUM ('POOL', 'LENGTH', 'CUSTOM');

-- AlterTable
ALTER TABLE "Exam" ADD COLUMN     "cardWeighting" "CardWeighting" NOT NULL DEFAULT 'POOL';

-- AlterTable
ALTER TABLE "ExamCard" ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 1;

-- The editor and content files allow 1..20 (lib/exams/rules.ts, CARD_WEIGHT_MAX).
ALTER TABLE "ExamCard" ADD CONSTRAINT "ExamCard_weight_range" CHECK ("weight" BETWEEN 1 AND 20);
