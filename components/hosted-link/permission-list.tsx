import { PERMISSION_LABELS, type Permission } from "@/lib/hosted-link/permissions";

/** What the app will be able to see, one line per permission. */
export function PermissionList({ permissions }: { permissions: Permission[] }) {
  return (
    <ul className="space-y-3" data-testid="shared-data">
      {permissions.map((p) => (
        <li key={p} className="flex gap-3">
          <span aria-hidden className="mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700">
            <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
              <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
          </span>
          <span>
            <span className="block text-sm font-semibold text-slate-900">{PERMISSION_LABELS[p].title}</span>
            <span className="block text-sm text-slate-600">{PERMISSION_LABELS[p].detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
