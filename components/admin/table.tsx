import type { ReactNode } from "react";

/** A card holding a table that scrolls sideways on narrow screens instead of squeezing. */
export function TableCard({ children, caption }: { children: ReactNode; caption: string }) {
  return (
    <div className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
    </div>
  );
}

export function Th({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`bg-slate-50 px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase ${className}`}>
      {children}
    </th>
  );
}

export function Td({ children, className = "", title }: { children?: ReactNode; className?: string; title?: string }) {
  return (
    <td className={`border-t border-slate-100 px-4 py-3 align-top ${className}`} title={title}>
      {children}
    </td>
  );
}
