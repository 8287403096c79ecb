// GET/POST /api/auth/* - next-auth's own endpoints (sign-in, callbacks, sign-out, session)
import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { limitSignInEmail } from "@/server/auth/sign-in-email-limit";
import { withRequestContext } from "@/server/log/request-context";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built on first request so that configuration is read at run time, not build time.
// The request context puts the request id on what sign-in logs (the magic-link mailer).
// Sign-in emails are limited per address and per client before next-auth sends one.
const handler = withRequestContext(async (request: Request, context: Context): Promise<Response> => {
  const refused = await limitSignInEmail(request);
  if (refused) return refused;
  return NextAuth(request as never, context as never, authOptions());
});

export { handler as GET, handler as POST };
