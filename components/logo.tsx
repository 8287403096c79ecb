import Link from "next/link";

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white">
        <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M3 10h18M5 10V20M19 10V20M9 14v3M15 14v3M12 3l9 5H3l9-5z" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      Linkwell
    </Link>
  );
}
