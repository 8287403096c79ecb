import "server-only";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { ApiError } from "@/lib/http/api-error";

/**
 * For admin route handlers: every read and every action checks the database session and
 * role itself. Anonymous callers get 401; signed-in non-admins get the same 404 as an
 * unknown URL, so the admin area is not revealed.
 */
export async function requireAdminApi(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new ApiError(401, "Sign in to continue");
  if (user.role !== "admin") throw new ApiError(404, "Not found");
  return user;
}
