import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { createDemoSession, DEMO_ACCOUNTS } from "./demo-sign-in";

describe("createDemoSession", () => {
  it("writes an ordinary database session for the demo admin", async () => {
    const { sessionToken, expires } = await createDemoSession("admin");
    const session = await prisma.session.findUniqueOrThrow({ where: { sessionToken }, include: { user: true } });
    expect(session.user.email).toBe(DEMO_ACCOUNTS.admin.email);
    expect(session.user.role).toBe("admin");
    expect(session.expires.getTime()).toBe(expires.getTime());
    expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it("reuses the demo user across sign-ins", async () => {
    await createDemoSession("user");
    await createDemoSession("user");
    expect(await prisma.user.count({ where: { email: DEMO_ACCOUNTS.user.email } })).toBe(1);
    expect(await prisma.session.count({ where: { user: { email: DEMO_ACCOUNTS.user.email } } })).toBe(2);
  });
});
