import "server-only";
import { z } from "zod";
import { isConfiguredAdmin } from "@/server/auth/roles";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import type { Prisma, Role } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { assertAdmin } from "@/server/auth/guards";
import { decodeCursor, encodeCursor, keysetWhere } from "@/lib/admin/search-params";
import { accountSummarySelect } from "@/server/accounts/account-select";

export const USER_PAGE_SIZE = 50;

export type UserFilters = { q?: string; role?: Role };

/**
 * Users newest first, by keyset on (createdAt, id). The search matches an email prefix (on
 * the unique email index), an exact user id or a Stripe customer id.
 */
export async function listUsers(filters: UserFilters, page: { after?: string } = {}) {
  const q = filters.q?.trim().toLowerCase();
  const conditions: Prisma.UserWhereInput[] = [];
  if (filters.role) conditions.push({ role: filters.role });
  if (q) {
    if (q.startsWith("cus_")) {
      const customer = await prisma.stripeCustomer.findUnique({ where: { stripeCustomerId: filters.q!.trim() }, select: { userId: true } });
      conditions.push({ id: customer?.userId ?? "none" });
    } else {
      conditions.push({ OR: [{ email: { gte: q, lt: `${q}\u{10FFFF}`, startsWith: q } }, { id: filters.q!.trim() }] });
    }
  }
  const cursor = decodeCursor(page.after);
  const createdAt = cursor?.values[0] ? new Date(cursor.values[0]) : null;
  if (cursor && createdAt && !Number.isNaN(createdAt.getTime())) {
    conditions.push(keysetWhere<Prisma.UserWhereInput>([{ field: "createdAt", value: createdAt }], cursor.id, "desc"));
  }
  const users = await prisma.user.findMany({
    where: { AND: conditions },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: USER_PAGE_SIZE + 1,
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
  const rows = users.slice(0, USER_PAGE_SIZE);
  // Account counts for this page only: one grouped query on the (userId, status) index.
  const counts = rows.length
    ? await prisma.linkedAccount.groupBy({ by: ["userId"], where: { userId: { in: rows.map((u) => u.id) } }, _count: { _all: true } })
    : [];
  const countByUser = new Map(counts.map((c) => [c.userId, c._count._all]));
  const last = rows[rows.length - 1];
  return {
    rows: rows.map((user) => ({ ...user, accountCount: countByUser.get(user.id) ?? 0 })),
    next: users.length > USER_PAGE_SIZE && last ? encodeCursor([last.createdAt.toISOString()], last.id) : null,
  };
}

export async function getUserDetail(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      emailVerified: true,
      stripeCustomers: { select: { stripeCustomerId: true, mode: true, createdAt: true } },
    },
  });
  if (!user) return null;
  const [accounts, linkSessions, audit] = await Promise.all([
    prisma.linkedAccount.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { ...accountSummarySelect, balanceCurrent: true, balanceCurrency: true, replacedById: true },
    }),
    prisma.linkSession.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: { id: true, stripeSessionId: true, status: true, accountCount: true, errorMessage: true, createdAt: true, completedAt: true },
    }),
    prisma.auditLog.findMany({
      where: { OR: [{ subjectId: userId }, { actorId: userId }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      include: { actor: { select: { id: true, email: true } }, subject: { select: { id: true, email: true } } },
    }),
  ]);
  return { user, accounts, linkSessions, audit };
}

export const roleInput = z.object({ role: z.enum(["user", "admin"], { error: "must be user or admin" }) });

/**
 * Promotes or demotes a user, with the audit entry in the same transaction. The admins'
 * rows are locked first, so two admins demoting each other at once cannot leave no admin.
 */
export async function setUserRole(admin: Pick<CurrentUser, "id" | "role">, userId: string, role: Role) {
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'admin' ORDER BY id FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
    if (!user) throw new DomainError("not_found", "User not found");
    if (user.role === role) return { id: user.id, role: user.role, changed: false };
    // ADMIN_EMAILS promotes at every sign-in, so a demotion here would quietly undo itself.
    if (role === "user" && isConfiguredAdmin(user.email)) {
      throw new DomainError("conflict", "This admin is listed in ADMIN_EMAILS, which makes them an admin again at every sign-in: remove the address there to demote them", { field: "role" });
    }
    if (role === "user" && admins.length <= 1) {
      throw new DomainError("conflict", "This is the last admin: promote someone else before demoting this account", { field: "role" });
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true, role: true } });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        subjectId: userId,
        action: role === "admin" ? "user.promote" : "user.demote",
        targetType: "user",
        targetId: userId,
        metadata: { from: user.role, to: role },
      },
    });
    return { ...updated, changed: true };
  });
}
