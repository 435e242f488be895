-- AlterTable
ALTER TABLE "AttemptItem" ADD COLUMN     "storedIds" JSONB;
