// The ownership match end to end through the app's own code: accounts linked at the emulator's
// Ownership Accounts institution get a verdict when their owners arrive, and the person's
// profile changes it, in the same transaction as the save. Unchanged inputs are not compared again.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/action-state";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { startHarness, type Harness } from "@/test/webhook-harness";
import { saveProfileAction } from "./actions";
import { saveHolderProfile } from "./holder-profile";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const OWNER_ACCOUNTS = ["owner_match", "owner_nickname", "owner_joint", "owner_partial", "owner_mismatch", "owner_none"];

async function verdicts(userId: string) {
  const accounts = await prisma.linkedAccount.findMany({ where: { userId }, select: { displayName: true, ownershipVerdict: true, ownershipScore: true, ownershipMatchedAt: true } });
  return Object.fromEntries(accounts.map((a) => [a.displayName, a.ownershipVerdict]));
}

async function waitForOwners(userId: string) {
  for (let i = 0; i < 100; i++) {
    const pending = await prisma.linkedAccount.count({ where: { userId, ownershipMatchInputs: null } });
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const state = await prisma.linkedAccount.findMany({ where: { userId }, select: { displayName: true, ownershipId: true, ownershipRefreshStatus: true, ownershipMatchInputs: true, permissions: true, _count: { select: { owners: true } } } });
  throw new Error(`ownership never arrived: ${JSON.stringify(state)}`);
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

it("gives every owner kind its verdict, and a profile fix turns a warning into a confirmation", { timeout: 120_000 }, async () => {
  const { user } = await h.linkAccounts(`owner-${randomUUID()}@example.com`, OWNER_ACCOUNTS, true, "ownership_accounts");
  await h.settle();
  await waitForOwners(user.id);

  // No name on file yet: nobody's account can be confirmed as this person's.
  const before = await verdicts(user.id);
  expect(before["Matching Owner"]).not.toBe("confirmed");
  expect(before["Unknown Owner"]).toBe("no_data");

  await saveHolderProfile(user.id, { name: "Jenny Rosen" });
  expect(await verdicts(user.id)).toEqual({
    "Matching Owner": "confirmed",
    "Nickname Owner": "confirmed",
    "Joint Owners": "confirmed",
    "Partial Owner Match": "partial",
    "Other Owner": "unconfirmed",
    "Unknown Owner": "no_data",
  });

  const matched = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id, displayName: "Other Owner" } });
  expect(matched.ownershipScore).toBeLessThanOrEqual(25);
  expect(matched.ownershipMatch).toMatchObject({ fields: { name: { result: "no_match" } }, reasons: expect.arrayContaining([expect.any(String)]) });

  // Her contact details too: every field of the matching owner agrees.
  await saveHolderProfile(user.id, { email: "Jenny.Rosen@example.com", phone: "(415) 555-0123", addressLine1: "510 Townsend Street", city: "San Francisco", state: "CA", postalCode: "94103", country: "US" });
  const exact = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id, displayName: "Matching Owner" } });
  expect(exact.ownershipMatch).toMatchObject({ fields: { name: { result: "match" }, email: { result: "match" }, phone: { result: "match" }, address: { result: "match" } } });
  expect(exact.ownershipScore).toBeGreaterThanOrEqual(95);

  // The same profile again changes nothing and compares nothing.
  expect(await saveHolderProfile(user.id, { name: "Jenny Rosen" })).toEqual({ changed: false });
  const again = await prisma.linkedAccount.findFirstOrThrow({ where: { id: exact.id } });
  expect(again.ownershipMatchedAt).toEqual(exact.ownershipMatchedAt);
});

it("the profile form refuses a bad field by name and keeps what was typed; saves the rest for the signed-in person only", async () => {
  const user = await prisma.user.create({ data: { email: `form-${randomUUID()}@example.com` } });
  signedIn.user = { id: user.id, email: user.email, name: null, role: "user" };
  const fields = { name: "Jenny Rosen", email: "not-an-email", phone: "", addressLine1: "", addressLine2: "", city: "", state: "", postalCode: "", country: "" };

  const refused = await saveProfileAction(IDLE, form(fields));
  expect(refused).toMatchObject({ status: "error", field: "email", message: expect.stringContaining("email"), fields: { name: "Jenny Rosen", email: "not-an-email" } });
  expect(await prisma.holderProfile.findUnique({ where: { userId: user.id } })).toBeNull();

  expect(await saveProfileAction(IDLE, form({ ...fields, email: "", country: "usa" }))).toMatchObject({ status: "error", field: "country" });
  expect(await saveProfileAction(IDLE, form({ ...fields, email: "", phone: "12" }))).toMatchObject({ status: "error", field: "phone" });

  const saved = await saveProfileAction(IDLE, form({ ...fields, email: "", country: "us" }));
  expect(saved).toMatchObject({ status: "done" });
  expect(await prisma.holderProfile.findUniqueOrThrow({ where: { userId: user.id } })).toMatchObject({ name: "Jenny Rosen", email: null, country: "US", version: 1 });

  signedIn.user = null;
  expect(await saveProfileAction(IDLE, form(fields))).toMatchObject({ status: "error" });
});
