import "server-only";
import { env } from "@/server/env";

/** next-auth v4's own cookie naming: `__Secure-` prefixed when the site is served over https. */
export function sessionCookie() {
  const secure = (env().NEXTAUTH_URL ?? "").startsWith("https://");
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
