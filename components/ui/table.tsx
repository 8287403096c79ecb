import { Fragment, isValidElement, type AriaAttributes, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * A column heading: its words (still read out when `srOnly` hides them) and its cell classes,
 * or a heading element of its own (e.g. one that sorts).
 */
export type Column = string | { label: string; className?: string; srOnly?: boolean } | ReactElement;

/**
 * A table in a card that scrolls sideways on narrow screens instead of squeezing. Give `columns`
 * for the usual heading row, and `empty` to show one full-width row when there are no rows.
 */
export function TableCard({
  caption,
  columns,
  empty,
  children,
}: {
  caption: string;
  columns?: Column[];
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          {columns && (
            <thead>
              <tr>
                {columns.map((column, index) => {
                  if (isValidElement(column)) return <Fragment key={index}>{column}</Fragment>;
                  const { label, className, srOnly } = typeof column === "string" ? { label: column } : column;
                  return (
                    <Th key={label} className={className}>
                      {srOnly ? <span className="sr-only">{label}</span> : label}
                    </Th>
                  );
                })}
              </tr>
            </thead>
          )}
          {columns ? (
            <tbody>
              {children}
              {empty && (
                <tr>
                  <td colSpan={columns.length}>{empty}</td>
                </tr>
              )}
            </tbody>
          ) : (
            children
          )}
        </table>
      </div>
    </div>
  );
}

export function Th({ children, className, sort }: { children?: ReactNode; className?: string; sort?: AriaAttributes["aria-sort"] }) {
  return (
    <th scope="col" aria-sort={sort} className={cn("bg-slate-50 px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase", className)}>
      {children}
    </th>
  );
}

export function Td({ children, className, title }: { children?: ReactNode; className?: string; title?: string }) {
  return (
    <td className={cn("border-t border-slate-100 px-4 py-3 align-top", className)} title={title}>
      {children}
    </td>
  );
}
