import "server-only";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors/domain-error";

/**
 * For admin route handlers: every read and every action checks the database session and
 * role itself. Anonymous callers get 401; signed-in non-admins get the same 404 as an
 * unknown URL, so the admin area is not revealed.
 */
export async function requireAdminApi(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue");
  if (user.role !== "admin") throw new DomainError("not_found", "Not found");
  return user;
}
