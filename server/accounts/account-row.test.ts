// The raw reads of an account row must give what Prisma's own read gives, column for column
// (BigInt balances, dates, enums, arrays), or syncs would see changes that are not there.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { findAccountRow, lockAccountRow } from "./account-row";

async function storedAccount() {
  const user = await prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
  return prisma.linkedAccount.create({
    data: {
      userId: user.id,
      stripeAccountId: `fca_row_${randomUUID()}`,
      mode: "test",
      institutionName: "Row Bank",
      category: "cash",
      subcategory: "checking",
      status: "active",
      permissions: ["balances", "ownership"],
      subscriptions: ["transactions"],
      balanceCurrency: "usd",
      balanceCurrent: 9_007_199_254_740_993n,
      balanceAvailable: -1250n,
      balanceAsOf: new Date("2026-11-30T12:00:00.000Z"),
      balanceRefreshStatus: "succeeded",
      expectedDeactivationAt: null,
      stripeCreatedAt: new Date("2026-11-01T00:00:00.000Z"),
    },
  });
}

it("reads a stored account exactly as Prisma does, and whether its owners are stored", async () => {
  const created = await storedAccount();
  const expected = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: created.id } });
  expect(await findAccountRow(created.stripeAccountId)).toEqual({ ...expected, ownersStored: false });

  await prisma.accountOwner.create({ data: { linkedAccountId: created.id, stripeOwnerId: "fcaown_row", name: "Row Owner" } });
  expect(await findAccountRow(created.stripeAccountId)).toMatchObject({ id: created.id, ownersStored: true });
  expect(await findAccountRow("fca_nobody")).toBeNull();
});

it("locks the row for the transaction: a second sync waits for the first to commit", async () => {
  const created = await storedAccount();
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = prisma.$transaction(async (tx) => {
    const row = await lockAccountRow(tx, created.id);
    order.push(`first locked ${row?.balanceCurrent}`);
    await held;
    await tx.linkedAccount.update({ where: { id: created.id }, data: { balanceCurrent: 1n } });
    order.push("first wrote");
  });
  while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const second = prisma.$transaction(async (tx) => {
    const row = await lockAccountRow(tx, created.id);
    order.push(`second locked ${row?.balanceCurrent}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(order).toEqual(["first locked 9007199254740993"]);
  release();
  await Promise.all([first, second]);
  expect(order).toEqual(["first locked 9007199254740993", "first wrote", "second locked 1"]);
  await prisma.$transaction(async (tx) => expect(await lockAccountRow(tx, "missing")).toBeNull());
});
