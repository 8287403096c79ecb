import "server-only";
import nodemailer from "nodemailer";
import { env, isDevelopment, outboxAllowed } from "@/server/env";
import { prisma } from "@/server/db/client";
import { logger } from "@/server/log/logger";

/**
 * Delivers a sign-in link. With EMAIL_SERVER it is mailed; without one (development and
 * tests) it goes to the development outbox and the server log, so nobody needs an inbox.
 */
export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  const { EMAIL_SERVER, EMAIL_FROM } = env();
  const host = new URL(url).host;
  const subject = `Sign in to Linkwell (${host})`;
  if (EMAIL_SERVER) {
    const transport = nodemailer.createTransport(EMAIL_SERVER);
    await transport.sendMail({
      to: identifier,
      from: EMAIL_FROM,
      subject,
      text: `Sign in to Linkwell:\n${url}\n\nIf you did not ask for this, ignore this email.`,
      html: magicLinkHtml(url),
    });
    return;
  }
  // A production start without EMAIL_SERVER is refused (server/env.ts); this is the last guard:
  // a live sign-in link is never kept in a table outside development, tests and test deployments.
  if (!outboxAllowed()) throw new Error("EMAIL_SERVER is not set: sign-in links cannot be sent");
  await prisma.devOutboxMessage.create({ data: { to: identifier, subject, url } });
  // The link signs its holder in: in the log only where the outbox page exists too (development).
  if (isDevelopment()) logger("dev-outbox").info({ to: identifier, url }, "sign-in link (also at /dev/outbox)");
}

function magicLinkHtml(url: string): string {
  const safe = url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<div style="font-family:system-ui,sans-serif;max-width:480px;margin:auto;padding:24px">
  <h1 style="font-size:20px">Sign in to Linkwell</h1>
  <p><a href="${safe}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#fff;border-radius:8px;text-decoration:none">Sign in</a></p>
  <p style="color:#666;font-size:13px">The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</p>
</div>`;
}
