// Who is signed in: the database session behind the request's cookie, read once per request
// (./session-lookup.ts).
// The guards (./guards.ts) build on this; tests replace this module to sign someone in.
import "server-only";
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { cache } from "react";
import { requestIdFrom, runWithRequestId } from "@/server/log/request-context";
import { sessionCookie } from "./session-cookie";
import { readSessionUser } from "./session-lookup";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: "user" | "admin" };

/** The signed-in user, read from the database session once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Who is signed in is known only at request time: never prerender a page that asks.
  await connection();
  // Pages are not wrapped in withRequestContext: enter the request's context (the id proxy.ts
  // stamped) here, so what the session read logs names the request.
  return runWithRequestId(requestIdFrom(await headers()), readCurrentUser);
});

async function readCurrentUser(): Promise<CurrentUser | null> {
  return readSessionUser((await cookies()).get(sessionCookie().name)?.value);
}
