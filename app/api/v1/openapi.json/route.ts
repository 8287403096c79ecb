// GET /api/v1/openapi.json - the integrator API's OpenAPI 3.1 document (public, generated from the route schemas)
import { NextResponse } from "next/server";
import { appOrigin } from "@/server/hosted-link/config";
import { openApiDocument } from "@/server/integrations/api/openapi";

export function GET(request: Request) {
  return NextResponse.json(openApiDocument(appOrigin(request)), { headers: { "Cache-Control": "public, max-age=300" } });
}
