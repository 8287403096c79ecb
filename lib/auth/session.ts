import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: "user" | "admin" };

/** The signed-in user, read from the database session once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Who is signed in is known only at request time: never prerender a page that asks.
  await connection();
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const { id, email, name, role } = session.user;
  return { id, email: email ?? null, name: name ?? null, role };
});

/** For pages: anonymous visitors go to sign-in and come back to `returnTo` after. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For admin pages: anonymous -> sign-in; signed-in non-admins get a 404 so the area stays hidden. */
export async function requireAdmin(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (user.role !== "admin") notFound();
  return user;
}
