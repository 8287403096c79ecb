import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { env, resetEnvForTests, setEnvForTests } from "@/server/env";
import { promoteConfiguredAdmin } from "./roles";

afterEach(() => resetEnvForTests());

describe("promoteConfiguredAdmin", () => {
  it("promotes listed emails, case-insensitively, and leaves others alone", async () => {
    setEnvForTests({ ADMIN_EMAILS: "Boss@Example.com" });
    expect(env().ADMIN_EMAILS).toContain("boss@example.com");
    const boss = await prisma.user.create({ data: { email: "boss@example.com" } });
    const other = await prisma.user.create({ data: { email: "other@example.com" } });
    await promoteConfiguredAdmin(boss);
    await promoteConfiguredAdmin(other);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: boss.id } })).role).toBe("admin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("user");
  });
});
