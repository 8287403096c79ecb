import type { ReactNode } from "react";

/** The hosted pages' frame: one phone-width card, centred, with the app asking on top. */
export function HostedLinkCard({ appName, children }: { appName?: string; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md">
      {appName && (
        <div className="mb-5 flex items-center justify-center gap-3" aria-hidden>
          <span className="grid h-12 w-12 place-items-center rounded-2xl bg-slate-900 text-lg font-bold text-white shadow-sm">
            {appName.trim().charAt(0).toUpperCase() || "?"}
          </span>
          <span className="flex gap-1">
            <span className="h-1.5 w-1.5 rounded-full bg-slate-300" />
            <span className="h-1.5 w-1.5 rounded-full bg-slate-300" />
            <span className="h-1.5 w-1.5 rounded-full bg-slate-300" />
          </span>
          <span className="grid h-12 w-12 place-items-center rounded-2xl bg-brand-600 text-white shadow-sm">
            <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M3 10h18M5 10V20M19 10V20M9 14v3M15 14v3M12 3l9 5H3l9-5z" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </span>
        </div>
      )}
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
      <p className="mt-4 text-center text-xs text-slate-500">Secured by Linkwell with Stripe Financial Connections</p>
    </div>
  );
}

type Tone = "info" | "warn" | "error" | "success";

const TONES: Record<Tone, string> = {
  info: "bg-slate-100 text-slate-600",
  warn: "bg-amber-100 text-amber-700",
  error: "bg-red-100 text-red-700",
  success: "bg-emerald-100 text-emerald-700",
};

/** A round status icon for the outcome and problem screens. */
export function StatusIcon({ tone }: { tone: Tone }) {
  const path =
    tone === "success" ? "M5 12.5l4.5 4.5L19 7.5" : tone === "info" ? "M12 8v5m0 3.5v.01M12 3a9 9 0 100 18 9 9 0 000-18z" : "M12 6v8M12 18v.01";
  return (
    <span aria-hidden className={`mx-auto grid h-14 w-14 place-items-center rounded-full ${TONES[tone]}`}>
      <svg viewBox="0 0 24 24" className="h-7 w-7" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round">
        <path d={path} />
      </svg>
    </span>
  );
}

/** A friendly dead end: what happened, what to do, and a way back only when it is an allow-listed one. */
export function LinkProblem({
  title,
  children,
  appName,
  returnUrl,
  tone = "warn",
}: {
  title: string;
  children: ReactNode;
  appName?: string;
  returnUrl?: string;
  tone?: Tone;
}) {
  return (
    <HostedLinkCard appName={appName}>
      <div className="space-y-4 text-center" data-testid="link-problem">
        <StatusIcon tone={tone} />
        <h1 className="text-xl font-bold tracking-tight text-slate-900">{title}</h1>
        <div className="text-sm text-slate-600">{children}</div>
        {returnUrl && appName && (
          <a
            href={returnUrl}
            data-testid="return-to-app"
            className="inline-flex w-full items-center justify-center rounded-xl bg-brand-600 px-4 py-3.5 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
          >
            Return to {appName}
          </a>
        )}
      </div>
    </HostedLinkCard>
  );
}
