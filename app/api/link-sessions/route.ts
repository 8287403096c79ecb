// POST /api/link-sessions - start linking: returns the Financial Connections client secret for the modal
import { NextResponse } from "next/server";
import { z } from "zod";
import { requireApiUser } from "@/server/auth/guards";
import { parseInput } from "@/server/errors/parse-input";
import { readJson, withErrors } from "@/server/http/api-error";
import { createLinkSession } from "@/server/linking/create-link-session";
import { admit } from "@/server/http/admission";

const input = z.object({ attemptId: z.uuid({ error: "must be a UUID made by the browser for this attempt" }) });

export const POST = withErrors(async (request: Request) => {
  const user = await requireApiUser();
  const { attemptId } = parseInput(input, await readJson(request));
  const created = await admit("linking", () => createLinkSession(user, attemptId));
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
