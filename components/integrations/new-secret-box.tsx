import type { ReactNode } from "react";
import { CopyButton } from "@/components/hosted-link/copy-button";

/** A secret shown once (a new API key) or on request, in the amber box the API keys page uses, with a copy button. */
export function NewSecretBox({ title, secret, copyLabel, testId, children }: { title: ReactNode; secret: string; copyLabel: string; testId: string; children?: ReactNode }) {
  return (
    <div className="space-y-2 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
      <p className="text-sm font-semibold text-amber-900">{title}</p>
      <code data-testid={testId} className="block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
        {secret}
      </code>
      <CopyButton value={secret} label={copyLabel} />
      {children && <div className="text-xs text-amber-900">{children}</div>}
    </div>
  );
}
