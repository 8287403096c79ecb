import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { listOutboxMessages } from "@/server/auth/dev-outbox";
import { isDevelopment } from "@/server/env";
import { isLoopbackClient } from "@/server/security/peer-address";

export const metadata: Metadata = { title: "Development outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function OutboxPage() {
  // Sign-in links sign their holder in: only a development server shows them, to this machine only.
  if (!isDevelopment() || !isLoopbackClient(await headers())) notFound();
  const messages = await listOutboxMessages();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Development outbox</h1>
        <p className="mt-1 text-sm text-slate-600">
          Sign-in emails land here because no <code>EMAIL_SERVER</code> is configured. This page does not exist in production and answers only to this machine.
        </p>
      </div>
      {messages.length === 0 ? (
        <Card className="text-center text-sm text-slate-600">No emails yet. Ask for a sign-in link and it will show here.</Card>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id}>
              <Card className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="truncate font-medium">{m.to}</p>
                  <p className="text-xs text-slate-500">
                    {m.subject} · <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toLocaleString("en-US")}</time>
                  </p>
                </div>
                <a href={m.url} className="shrink-0 rounded-lg bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700" data-testid="outbox-link" data-to={m.to}>
                  Open sign-in link
                </a>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
