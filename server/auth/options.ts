import "server-only";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { prisma } from "@/server/db/client";
import { authSecret, env, fromEnv } from "@/server/env";
import { safeRedirectUrl } from "@/lib/http/safe-return-path";
import { authLogger } from "./auth-logger";
import { sendMagicLink } from "./magic-link-mail";
import { promoteConfiguredAdmin } from "./roles";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-lifetime";

/** The sign-in methods this deployment offers, for the sign-in page. */
export function enabledProviders() {
  const e = env();
  return {
    email: true,
    github: Boolean(e.GITHUB_ID && e.GITHUB_SECRET),
    google: Boolean(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET),
  };
}

/** next-auth v4 with database sessions: one session mechanism for every sign-in method. */
export const authOptions: () => NextAuthOptions = fromEnv((e) => {
  const providers: NextAuthOptions["providers"] = [
    EmailProvider({
      // Only used when EMAIL_SERVER is set; sendMagicLink decides.
      server: e.EMAIL_SERVER ?? "smtp://localhost:25",
      from: e.EMAIL_FROM,
      maxAge: 24 * 60 * 60,
      sendVerificationRequest: ({ identifier, url }) => sendMagicLink({ identifier, url }),
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  }
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  return {
    adapter: PrismaAdapter(prisma) as Adapter,
    secret: authSecret(),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    providers,
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    logger: authLogger(),
    callbacks: {
      // The callbackUrl of a sign-in or sign-out comes from the browser: same-site paths only.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      session({ session, user }) {
        const dbUser = user as typeof user & { role?: "user" | "admin" };
        session.user = { ...session.user, id: user.id, role: dbUser.role ?? "user" };
        return session;
      },
    },
    events: {
      signIn: ({ user }) => promoteConfiguredAdmin(user),
    },
  };
});
