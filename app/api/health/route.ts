// GET /api/health (and HEAD) - for load balancers: 200 when the database answers and its migrations are applied, else 503
import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health/check-health";
import { logger } from "@/server/log/logger";
import { withRequestContext } from "@/server/log/request-context";

export const dynamic = "force-dynamic";

// Not rate limited and not redirected (proxy.ts lets GET/HEAD through): a probe must always get an answer.
export const GET = withRequestContext(async () => {
  const health = await checkHealth();
  const { database, migrations } = health.checks;
  // The body says only what is up; why not (host names, migration names) goes to the log.
  if (!health.ok) logger("health").warn({ database, migrations }, "unhealthy");
  return NextResponse.json(
    {
      status: health.ok ? "ok" : "degraded",
      database: { ok: database.ok, ...(database.latencyMs !== undefined && { latencyMs: database.latencyMs }) },
      migrations: { ok: migrations.ok },
    },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});

// Next would derive HEAD from GET anyway; exported so the load-balancer contract is visible here.
export const HEAD = GET;
