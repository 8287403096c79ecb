"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

type State = { refreshes: Record<string, string | null> };

/**
 * Renders nothing; while some accounts on the page have a refresh pending, asks their state
 * every 1.5 s (the server settles it from the webhook or from Stripe) and re-renders the page
 * once none is pending any more.
 */
export function PendingRefreshWatcher({ accountIds }: { accountIds: string[] }) {
  const router = useRouter();
  const key = accountIds.join(",");

  useEffect(() => {
    if (!key) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const states = await Promise.all(
        key.split(",").map((id) =>
          fetch(`/api/accounts/${id}`, { cache: "no-store" })
            .then((r) => (r.ok ? (r.json() as Promise<State>) : null))
            .catch(() => null),
        ),
      );
      if (stopped || states.includes(null)) return;
      if (!states.some((s) => Object.values(s!.refreshes).includes("pending"))) router.refresh();
    }, 1500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key, router]);

  return null;
}
