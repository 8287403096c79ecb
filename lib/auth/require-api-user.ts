import "server-only";
import { DomainError } from "@/lib/errors/domain-error";
import { getCurrentUser, type CurrentUser } from "./session";

/** For route handlers: the signed-in user, or a 401 answer. */
export async function requireApiUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in first");
  return user;
}
