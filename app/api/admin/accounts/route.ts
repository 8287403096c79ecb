// GET /api/admin/accounts - one keyset page of the accounts table as JSON (same filters as the page)
import { NextResponse } from "next/server";
import { parseAccountFilters } from "@/server/admin/account-filters";
import { formatMoney } from "@/lib/format/admin";
import { listAccounts } from "@/server/admin/list-accounts";
import { requireAdminApi } from "@/server/auth/guards";
import { param } from "@/lib/admin/search-params";
import { withErrors } from "@/server/http/api-error";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request: Request) => {
  await requireAdminApi();
  const params = new URL(request.url).searchParams;
  const page = await listAccounts(parseAccountFilters(params), { after: param(params, "after"), before: param(params, "before") });
  return NextResponse.json(
    {
      accounts: page.rows.map((row) => ({
        id: row.id,
        stripeAccountId: row.stripeAccountId,
        userId: row.userId,
        userEmail: row.user.email,
        institution: row.institutionName,
        displayName: row.displayName,
        last4: row.last4,
        category: row.category,
        subcategory: row.subcategory,
        status: row.status,
        balance: row.balanceCurrent === null ? null : { minor: row.balanceCurrent.toString(), currency: row.balanceCurrency },
        balanceFormatted: formatMoney(row.balanceCurrent, row.balanceCurrency),
        linkedAt: row.createdAt.toISOString(),
      })),
      next: page.next,
      prev: page.prev,
      capped: page.capped,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
