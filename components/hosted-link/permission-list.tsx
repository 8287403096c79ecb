import { INTEGRATOR_RECEIVES, PERMISSION_LABELS, type Permission } from "@/server/hosted-link/permissions";

function Check() {
  return (
    <span aria-hidden className="mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700">
      <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
    </span>
  );
}

/** What Linkwell will be able to read from the bank through Stripe, one line per permission. */
export function PermissionList({ permissions }: { permissions: Permission[] }) {
  return (
    <ul className="space-y-3" data-testid="shared-data">
      {permissions.map((p) => (
        <li key={p} className="flex gap-3">
          <Check />
          <span>
            <span className="block text-sm font-semibold text-slate-900">{PERMISSION_LABELS[p].title}</span>
            <span className="block text-sm text-slate-600">{PERMISSION_LABELS[p].detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What the integrating app receives for each account: exactly what its API answers. */
export function IntegratorReceives({ appName }: { appName: string }) {
  return (
    <div className="space-y-2" data-testid="integrator-receives">
      <ul className="space-y-2">
        {INTEGRATOR_RECEIVES.map((line) => (
          <li key={line.text} className="flex gap-3 text-sm text-slate-700">
            <Check />
            <span>{line.text}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        {appName} does not receive your balances, full account or routing numbers, account holders&apos; names or addresses, or
        transactions.
      </p>
    </div>
  );
}
