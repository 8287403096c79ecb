-- CreateIndex
CREATE INDEX "AuditLog_action_createdAt_idx" ON "AuditLog"("action", "createdAt");

-- CreateIndex
CREATE INDEX "LinkedAccount_institutionName_createdAt_id_idx" ON "LinkedAccount"("institutionName", "createdAt", "id");

-- CreateIndex
CREATE INDEX "LinkedAccount_status_replacedById_syncedAt_idx" ON "LinkedAccount"("status", "replacedById", "syncedAt");

-- CreateIndex
CREATE INDEX "LinkedAccount_status_replacedById_expectedDeactivationAt_idx" ON "LinkedAccount"("status", "replacedById", "expectedDeactivationAt");

-- CreateIndex
CREATE INDEX "LinkedAccount_createdAt_institutionName_status_linkSessionI_idx" ON "LinkedAccount"("createdAt", "institutionName", "status", "linkSessionId");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");
