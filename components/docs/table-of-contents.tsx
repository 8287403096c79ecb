export type TocEntry = { href: string; label: string; children?: TocEntry[] };

function TocList({ entries, nested = false }: { entries: TocEntry[]; nested?: boolean }) {
  return (
    <ul className={nested ? "mt-1 ml-3 space-y-0.5 border-l border-slate-200 pl-3" : "space-y-2"}>
      {entries.map((entry) => (
        <li key={entry.href}>
          <a
            href={entry.href}
            className={
              nested
                ? "block rounded py-0.5 text-slate-600 hover:text-brand-700 hover:underline"
                : "block rounded py-0.5 font-medium text-slate-900 hover:text-brand-700 hover:underline"
            }
          >
            {entry.label}
          </a>
          {entry.children && <TocList entries={entry.children} nested />}
        </li>
      ))}
    </ul>
  );
}

/**
 * In-page links, plain anchors so they work without JavaScript and with the keyboard. On small
 * screens the list folds into a native <details> above the content; from lg up it stands beside
 * the content and stays in view (the hidden copy is display:none, so it is never read twice).
 */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  return (
    <nav aria-label="On this page" className="text-sm">
      <details className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 lg:hidden">
        <summary className="cursor-pointer rounded-2xl px-4 py-3 font-semibold text-slate-900">On this page</summary>
        <div className="border-t border-slate-100 px-4 py-3">
          <TocList entries={entries} />
        </div>
      </details>
      <div className="sticky top-24 hidden max-h-[calc(100vh-7rem)] overflow-y-auto pr-2 pb-8 lg:block">
        <p className="mb-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">On this page</p>
        <TocList entries={entries} />
      </div>
    </nav>
  );
}
