// GET/POST /api/auth/* - next-auth's own endpoints (sign-in, callbacks, sign-out, session)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built on first request so that configuration is read at run time, not build time.
function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
