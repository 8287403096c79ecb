"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

type State = { refreshes: Record<string, string | null> };

/** Without JavaScript, how often a page with a pending refresh reloads itself. */
const RELOAD_SECONDS = 5;

/**
 * While some accounts on the page have a refresh pending, asks their state every 1.5 s (the
 * server settles it from the webhook or from Stripe) and re-renders the page once none is
 * pending any more. Without JavaScript the page reloads itself every few seconds instead.
 */
export function PendingRefreshWatcher({ accountIds }: { accountIds: string[] }) {
  const router = useRouter();
  const key = accountIds.join(",");

  useEffect(() => {
    if (!key) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    // One round of requests at a time, the next 1.5 s after the last answered: a slow server
    // gets fewer polls, never a growing pile of them.
    const poll = async () => {
      const states = await Promise.all(
        key.split(",").map((id) =>
          fetch(`/api/accounts/${id}`, { cache: "no-store" })
            .then((r) => (r.ok ? (r.json() as Promise<State>) : null))
            .catch(() => null),
        ),
      );
      if (stopped) return;
      if (!states.includes(null) && !states.some((s) => Object.values(s!.refreshes).includes("pending"))) {
        router.refresh();
        return;
      }
      timer = setTimeout(poll, 1500);
    };
    timer = setTimeout(poll, 1500);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, router]);

  return key ? (
    <noscript>
      <meta httpEquiv="refresh" content={String(RELOAD_SECONDS)} />
    </noscript>
  ) : null;
}
