import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { promoteConfiguredAdmin } from "./roles";

const original = process.env.ADMIN_EMAILS;
afterEach(() => {
  process.env.ADMIN_EMAILS = original;
});

describe("promoteConfiguredAdmin", () => {
  it("promotes listed emails, case-insensitively, and leaves others alone", async () => {
    process.env.ADMIN_EMAILS = "Boss@Example.com";
    const { env } = await import("@/lib/env");
    expect(env().ADMIN_EMAILS).toContain("boss@example.com");
    const boss = await prisma.user.create({ data: { email: "boss@example.com" } });
    const other = await prisma.user.create({ data: { email: "other@example.com" } });
    await promoteConfiguredAdmin(boss);
    await promoteConfiguredAdmin(other);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: boss.id } })).role).toBe("admin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("user");
  });
});
