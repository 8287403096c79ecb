import { CopyButton } from "@/components/hosted-link/copy-button";

/**
 * An endpoint's signing secret behind a native <details> (no JavaScript needed), so it is not on
 * screen by default (shoulder-surfing, screen sharing). It is in the page's HTML all the same:
 * only admins get this page.
 */
export function SigningSecretDetails({ secret }: { secret: string }) {
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
        <span className="group-open:hidden">Reveal signing secret</span>
        <span className="hidden group-open:inline">Hide signing secret</span>
      </summary>
      <div className="mt-2 space-y-2">
        <code data-testid="webhook-endpoint-signing-secret" className="block rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-slate-200">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy signing secret" />
      </div>
    </details>
  );
}
