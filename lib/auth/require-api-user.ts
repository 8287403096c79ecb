import "server-only";
import { ApiError } from "@/lib/http/api-error";
import { getCurrentUser, type CurrentUser } from "./session";

/** For route handlers: the signed-in user, or a 401 answer. */
export async function requireApiUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new ApiError(401, "Sign in first");
  return user;
}
