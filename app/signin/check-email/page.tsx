import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { IconBadge } from "@/components/ui/icon-badge";
import { isDevelopment } from "@/server/env";
import { isLoopbackClient } from "@/server/security/peer-address";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  const outbox = isDevelopment() && isLoopbackClient(await headers());
  return (
    <div className="mx-auto max-w-md">
      <Card className="text-center">
        <IconBadge icon="mail" />
        <h1 className="mt-4 text-xl font-bold">Check your email</h1>
        <p className="mt-2 text-sm text-slate-600">
          We sent you a sign-in link. It works once and expires in 24 hours. You can close this tab.
        </p>
        {outbox && (
          <p className="mt-4 text-sm">
            No mail server is needed in development:{" "}
            <Link href="/dev/outbox" className="font-semibold text-brand-700 underline">
              open the development outbox
            </Link>
            .
          </p>
        )}
        <p className="mt-6 text-sm">
          <Link href="/signin" className="text-slate-600 underline">
            Use another email
          </Link>
        </p>
      </Card>
    </div>
  );
}
