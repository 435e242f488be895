-- AlterTable
ALTER TABLE "CardState" ADD COLUMN     "changedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "changesSeenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CardChange" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "oldFront" TEXT NOT NULL,
    "oldBack" TEXT NOT NULL,
    "newFront" TEXT NOT NULL,
    "newBack" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CardChange_cardId_createdAt_idx" ON "CardChange"("cardId", "createdAt");

-- CreateIndex
CREATE INDEX "CardChange_createdAt_idx" ON "CardChange"("createdAt");

-- AddForeignKey
ALTER TABLE "CardChange" ADD CONSTRAINT "CardChange_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardChange" ADD CONSTRAINT "CardChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
