// GET /api/health - dependency states for load balancers: 200 when all are up, else 503
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(
    { status: health.ok ? "ok" : "degraded", ...health.checks },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
