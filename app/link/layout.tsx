import type { Metadata } from "next";
import type { ReactNode } from "react";

// Hosted links are personal and single-use: never indexed, never followed. The token stays out
// of Referer headers to other origins (the default policy, stated here so no one tightens it to
// no-referrer, which Stripe's modal does not work with).
export const metadata: Metadata = {
  title: "Link your bank account",
  robots: { index: false, follow: false },
  referrer: "strict-origin-when-cross-origin",
};

export default function HostedLinkLayout({ children }: { children: ReactNode }) {
  return <div className="-mt-2 sm:mt-0">{children}</div>;
}
