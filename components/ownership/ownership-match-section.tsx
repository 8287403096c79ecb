import { Card } from "@/components/ui/card";
import { Facts, TitledSection } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format/admin";
import { parseStoredMatch, type OwnershipVerdictValue } from "@/lib/ownership/stored-match";
import { OwnershipBadge, OwnershipFieldList } from "./ownership-verdict";

type Account = { ownershipVerdict: OwnershipVerdictValue | null; ownershipScore: number | null; ownershipMatch: unknown; ownershipMatchedAt: Date | null };

/** The admin's view of the ownership match: verdict, score, when, and every field's reason. */
export function OwnershipMatchSection({ account }: { account: Account }) {
  const match = parseStoredMatch(account.ownershipMatch);
  return (
    <TitledSection id="ownership-match" title="Ownership match">
      <div data-testid="admin-ownership-match">
      <Card className="space-y-4">
        <Facts
          items={[
            { label: "Verdict", value: <OwnershipBadge verdict={account.ownershipVerdict} /> },
            { label: "Score", value: account.ownershipScore === null ? "—" : `${account.ownershipScore} of 100` },
            { label: "Compared", value: formatDateTime(account.ownershipMatchedAt) },
          ]}
        />
        {match && (
          <>
            <OwnershipFieldList match={match} />
            {match.reasons.length > 0 && (
              <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
                {match.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </Card>
      </div>
    </TitledSection>
  );
}
