import type { ReactNode } from "react";

// Columns a narrower screen leaves out; what they hold folds under the row's first cell there.
export const mdOnly = (label: string) => ({ label, className: "hidden md:table-cell" });
export const lgOnly = (label: string) => ({ label, className: "hidden lg:table-cell" });
export const xlOnly = (label: string) => ({ label, className: "hidden xl:table-cell" });

/**
 * A phone's row of actions under a record's row. A phone shows two columns, and a confirmation
 * panel or a new secret needs their whole width; from md up the actions have a column of their own.
 */
export function PhoneActionsRow({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <tr className="md:hidden" data-testid={testId}>
      <td colSpan={2} className="px-4 pb-3 align-top">
        {children}
      </td>
    </tr>
  );
}
