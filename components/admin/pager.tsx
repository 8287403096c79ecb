import Link from "next/link";

const linkClass =
  "inline-flex items-center rounded-lg px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 bg-white text-slate-900 hover:bg-slate-50 shadow-sm";
const disabledClass = "inline-flex items-center rounded-lg px-3 py-2 text-sm font-semibold text-slate-400 ring-1 ring-inset ring-slate-200";

/** Keyset pagination: first, previous and next pages as plain links (shareable, work without JS). */
export function Pager({ first, prev, next, label = "Pagination" }: { first?: string | null; prev?: string | null; next?: string | null; label?: string }) {
  if (!first && !prev && !next) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-end gap-2">
      {first !== undefined &&
        (first ? (
          <Link href={first} className={linkClass}>
            First page
          </Link>
        ) : null)}
      {prev !== undefined &&
        (prev ? (
          <Link href={prev} className={linkClass} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">
            ← Previous
          </span>
        ))}
      {next ? (
        <Link href={next} className={linkClass} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
