-- AlterTable
ALTER TABLE "User" ADD COLUMN     "credentialsChangedAt" TIMESTAMP(3);
