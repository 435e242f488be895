-- CreateEnum
CREATE TYPE "DemoMark" AS ENUM ('ACCOUNT', 'PASSWORD');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "demo" "DemoMark";

-- A database the demo seed ran on before this migration: mark what it made (prisma/demo-users.ts).
UPDATE "User" SET "demo" = 'ACCOUNT'
WHERE "email" IN ('admin@demo.local', 'hr@demo.local', 'employee@demo.local', 'engineer@demo.local', 'analyst@demo.local')
  AND EXISTS (SELECT 1 FROM "SeedRun" WHERE "kind" = 'demo');
UPDATE "User" SET "demo" = 'PASSWORD'
WHERE "demo" IS NULL AND "passwordHash" IS NOT NULL
  AND "id" IN (SELECT "headId" FROM "Department" WHERE "key" IN ('sps', 'implementation'))
  AND EXISTS (SELECT 1 FROM "SeedRun" WHERE "kind" = 'demo');
