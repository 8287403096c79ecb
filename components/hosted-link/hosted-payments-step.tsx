"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { AuthorizePaymentsForm } from "@/components/payments/authorize-payments-form";
import { PaymentStateBadge } from "@/components/payments/payment-state-badge";
import { buttonClasses } from "@/components/ui/button-classes";
import type { ActionState } from "@/lib/action-state";
import type { PaymentState } from "@/lib/payments/payment-state";
import { authorizeHostedPaymentsAction } from "@/server/hosted-link/actions";
import type { HostedPaymentAccount, HostedPaymentStep } from "@/server/hosted-link/hosted-payment-step";
import { HOSTED_PAYMENTS_READY } from "@/server/hosted-link/payment-messages";
import { Outcome, type Completion } from "./hosted-outcome";

const isLive = (state: PaymentState | null) => state === "active" || state === "pending";

/**
 * Pay by bank on the hosted page (a link minted with purpose "payments"): after linking and
 * before going back, the person may authorize the app to debit one of the accounts they just
 * linked, or go back without. One authorization form at a time (the account to debit is chosen
 * first when several can be), so the mandate text shown is exactly the one accepted. Accounts
 * that cannot be debited say why. The page goes back by itself once every account that could be
 * debited is set up; "Not now" goes back at once. The server checks everything again: the
 * signed resume value names the attempt, and only its own accounts can be authorized.
 */
export function HostedPaymentsStep({ appName, completion }: { appName: string; completion: Completion & { payments: HostedPaymentStep } }) {
  const { payments } = completion;
  const [accepted, setAccepted] = useState<Record<string, { state: PaymentState; message: string }>>({});
  const [skipped, setSkipped] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  const stateOf = (account: HostedPaymentAccount) => accepted[account.id]?.state ?? account.state;
  const open = payments.accounts.filter((a) => a.eligible && !isLive(stateOf(a)));
  const ready = payments.accounts.filter((a) => isLive(stateOf(a)));
  const ineligible = payments.accounts.filter((a) => !a.eligible && !isLive(stateOf(a)));
  const [chosenId, setChosenId] = useState<string | null>(open[0]?.id ?? null);
  const chosen = open.find((a) => a.id === chosenId) ?? open[0] ?? null;
  const acceptedHere = Object.keys(accepted).length > 0;

  // The step replaces the modal's spinner: keyboard and screen reader users start at its heading.
  useEffect(() => heading.current?.focus(), []);

  // "Not now" / "Continue", or every account that could be debited is set up now: back to the app.
  const leaving = skipped || (acceptedHere && open.length === 0);

  useEffect(() => {
    if (leaving) window.location.assign(completion.redirect_url);
  }, [leaving, completion.redirect_url]);

  if (leaving) {
    const names = ready.map((a) => a.name);
    const note = names.length === 0 ? undefined : `${names.join(" and ")} ${names.length === 1 ? "is" : "are"} set up for payments to ${payments.business}.`;
    return <Outcome appName={appName} completion={completion} note={note} />;
  }

  async function authorize(account: HostedPaymentAccount, previous: ActionState, form: FormData): Promise<ActionState> {
    const result = await authorizeHostedPaymentsAction(previous, form);
    if (result.status === "done") {
      setAccepted((current) => ({ ...current, [account.id]: { state: result.message === HOSTED_PAYMENTS_READY ? "active" : "pending", message: result.message } }));
    }
    return result;
  }

  return (
    <div className="space-y-5" data-testid="hosted-payments-step">
      <div className="space-y-2">
        <h1 ref={heading} tabIndex={-1} className="text-xl font-bold tracking-tight text-slate-900 outline-none">
          Pay {payments.business} from your bank account
        </h1>
        <p className="text-sm text-slate-600">{introduction(completion.linked, payments.business, open)}</p>
      </div>

      {chosen && (
        <div className="space-y-4">
          {open.length > 1 && (
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-semibold text-slate-900">Account to debit</legend>
              {open.map((account) => (
                <label
                  key={account.id}
                  className="flex cursor-pointer items-center gap-3 rounded-xl px-4 py-3 text-sm ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
                >
                  <input
                    type="radio"
                    name={`${ids}-account`}
                    value={account.id}
                    checked={account.id === chosen.id}
                    onChange={() => setChosenId(account.id)}
                    className="size-4 text-brand-600"
                  />
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-900">{account.name}</span>
                    <span className="block text-xs text-slate-500">{account.institution}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {/* The form's button, as big as the hosted page's other buttons: a thumb's target at phone width. */}
          <section
            aria-labelledby={`${ids}-chosen`}
            className="space-y-3 [&_button[type=submit]]:w-full [&_button[type=submit]]:rounded-xl [&_button[type=submit]]:py-3.5 [&_button[type=submit]]:text-base"
            data-testid="hosted-payment-account"
            data-account={chosen.name}
          >
            <h2 id={`${ids}-chosen`} className="text-sm font-semibold text-slate-900">
              {chosen.title}
            </h2>
            <AuthorizePaymentsForm
              key={chosen.id}
              action={(previous, form) => authorize(chosen, previous, form)}
              hidden={{ resume: payments.resume, accountId: chosen.id }}
              business={payments.business}
              account={chosen.title}
              submitLabel="Authorize debits"
            />
          </section>
        </div>
      )}

      {ready.length > 0 && (
        <AccountList title="Set up for payments" testId="hosted-payments-ready">
          {ready.map((account) => (
            <li key={account.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <AccountName account={account} />
              <span className="flex items-center gap-2">
                <PaymentStateBadge state={stateOf(account)!} />
              </span>
              {accepted[account.id]?.state === "pending" && (
                <p role="status" className="w-full text-xs text-slate-600">
                  {accepted[account.id]!.message}
                </p>
              )}
            </li>
          ))}
        </AccountList>
      )}

      {ineligible.length > 0 && (
        <AccountList title="Cannot be used for payments" testId="hosted-payments-ineligible">
          {ineligible.map((account) => (
            <li key={account.id} className="space-y-0.5 py-2">
              <AccountName account={account} />
              <p className="text-xs text-slate-600" data-testid="payments-ineligible-reason">
                {account.reason}
              </p>
            </li>
          ))}
        </AccountList>
      )}

      <button
        type="button"
        data-testid="hosted-payments-continue"
        onClick={() => setSkipped(true)}
        className={buttonClasses(open.length > 0 ? "secondary" : "primary", "w-full rounded-xl py-3.5 text-base")}
      >
        {open.length > 0 && !acceptedHere ? "Not now" : `Continue to ${appName}`}
      </button>
    </div>
  );
}

/** What the step asks, in words that fit how many accounts were linked and how many can still be debited. */
function introduction(linked: number, business: string, open: HostedPaymentAccount[]): string {
  const accounts = `${linked} ${linked === 1 ? "account" : "accounts"} linked.`;
  if (open.length === 0) return `${accounts} ${business} asked to debit your bank account by ACH bank transfer.`;
  const which = open.length > 1 ? "one of them" : linked === 1 ? "it" : open[0]!.name;
  return `${accounts} ${business} would also like to debit ${which} for what you owe it, by ACH bank transfer. You can skip this and do it later.`;
}

function AccountList({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="rounded-xl bg-slate-50 px-4 py-2" data-testid={testId}>
      <h2 className="pt-1 text-xs font-semibold tracking-wider text-slate-500 uppercase">{title}</h2>
      <ul className="divide-y divide-slate-200">{children}</ul>
    </section>
  );
}

function AccountName({ account }: { account: HostedPaymentAccount }) {
  return (
    <span className="min-w-0 text-sm">
      <span className="font-medium text-slate-900">{account.name}</span> <span className="text-slate-500">at {account.institution}</span>
    </span>
  );
}
