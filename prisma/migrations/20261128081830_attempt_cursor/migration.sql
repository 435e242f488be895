-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "cursor" INTEGER NOT NULL DEFAULT 0;
