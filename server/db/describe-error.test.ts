import { createServer } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/server/db/generated/prisma/client";
import { describeDatabaseError } from "./describe-error";

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("describeDatabaseError", () => {
  it("turns a refused connection from pg into one line naming host:port", async () => {
    const url = `postgresql://postgres:secret@127.0.0.1:${await closedPort()}/db`;
    const error = await new pg.Client(url).connect().catch((e: unknown) => e);
    const line = describeDatabaseError(error, url);
    expect(line).toMatch(/^cannot connect to PostgreSQL at 127\.0\.0\.1:\d+: connection refused/);
    expect(line).not.toContain("secret");
    expect(line).not.toContain("\n");
  });

  it("does the same for the error of a Prisma query", async () => {
    const port = await closedPort();
    const url = `postgresql://postgres@127.0.0.1:${port}/db`;
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: 2_000 }) });
    try {
      const error = await prisma.user.count().catch((e: unknown) => e);
      expect(describeDatabaseError(error, url)).toMatch(new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}`));
    } finally {
      await prisma.$disconnect();
    }
  });

  it("names a missing database, a refused user and an unknown host", async () => {
    // pg's errors as a server sends them (PGlite has one database and trusts everyone).
    const url = "postgresql://app:pw@db.internal:6543/shop";
    const missing = Object.assign(new Error('database "shop" does not exist'), { code: "3D000" });
    expect(describeDatabaseError(missing, url)).toBe('database "shop" does not exist on PostgreSQL at db.internal:6543');
    const auth = Object.assign(new Error('password authentication failed for user "app"'), { code: "28P01" });
    expect(describeDatabaseError(auth, url)).toBe(
      'PostgreSQL at db.internal:6543 refused user "app": password authentication failed for user "app"',
    );

    const unknownHost = "postgresql://postgres@no-such-host.invalid:5432/db";
    const dnsError = await new pg.Client(unknownHost).connect().catch((e: unknown) => e);
    expect(describeDatabaseError(dnsError, unknownHost)).toBe(
      "cannot connect to PostgreSQL at no-such-host.invalid:5432: host name not found",
    );
  });
});
