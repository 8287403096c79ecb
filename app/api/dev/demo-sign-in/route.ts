// POST /api/dev/demo-sign-in - development only, and only from this machine: one-click sign-in as
// the demo user or admin
import { NextResponse } from "next/server";
import { z } from "zod";
import { createDemoSession } from "@/server/auth/demo-sign-in";
import { sessionCookie } from "@/server/auth/session-cookie";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { parseInput } from "@/server/errors/parse-input";
import { jsonError, withErrors } from "@/server/http/api-error";
import { isDevelopment } from "@/server/env";
import { isLoopbackClient } from "@/server/security/peer-address";

const input = z.object({
  as: z.enum(["user", "admin"], { error: "must be user or admin" }),
  callbackUrl: z.string().optional(),
});

export const POST = withErrors(async (request: Request) => {
  // Decided by the connection's socket, never by a forwarded-for header a client can write.
  if (!isDevelopment() || !isLoopbackClient(request.headers)) return jsonError(404, "Not found");
  const form = await request.formData().catch(() => new FormData());
  const { as, callbackUrl } = parseInput(input, Object.fromEntries(form));
  const { sessionToken, expires } = await createDemoSession(as);
  const destination = safeReturnPath(callbackUrl, as === "admin" ? "/admin" : "/accounts");
  // A relative Location: the browser stays on the origin it came from (http://127.0.0.1:3000 or
  // http://localhost:3000), where the cookie is set; an absolute one built from request.url named
  // localhost, which the page's CSP (form-action 'self') then refused to follow from 127.0.0.1.
  const response = new NextResponse(null, { status: 303, headers: { Location: destination } });
  const cookie = sessionCookie();
  response.cookies.set(cookie.name, sessionToken, { ...cookie.options, expires });
  return response;
});
