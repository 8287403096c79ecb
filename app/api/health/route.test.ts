// The load balancer's view of /api/health: status codes, no caching, and no internals in the body.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { setLogDestination } from "@/server/log/logger";
import { GET, HEAD } from "./route";

const lines: Record<string, unknown>[] = [];
setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });

const probe = (handler = GET) => handler(new Request("http://app.test/api/health", { headers: { "x-request-id": "lb-probe-1" } }));

describe("GET /api/health", () => {
  it("answers 200 and no-store when the database is up and migrated, for GET and HEAD", async () => {
    for (const handler of [GET, HEAD]) {
      const response = await probe(handler);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(await (await probe()).json()).toMatchObject({ status: "ok", database: { ok: true }, migrations: { ok: true } });
  });

  it("answers 503 with a pending migration, naming it in the log but not in the body", async () => {
    const [latest] = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING migration_name",
    );
    const response = await probe();

    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: "degraded", database: { ok: true, latencyMs: expect.any(Number) }, migrations: { ok: false } });
    expect(body).not.toContain(latest!.migration_name);
    expect(lines.at(-1)).toMatchObject({ level: "warn", msg: "unhealthy", request_id: "lb-probe-1", migrations: { ok: false } });
    expect(JSON.stringify(lines.at(-1))).toContain(latest!.migration_name);
  });
});
