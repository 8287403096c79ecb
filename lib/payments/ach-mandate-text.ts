// The ACH debit authorization a person accepts before an account becomes a payment method: the
// online mandate terms Nacha's rules ask for (who may debit, from which account, until when, how
// to revoke). One text for the account page and the hosted page, so what was shown is what the
// server stores as accepted. Browser-safe.

export type MandateTextInput = {
  /** Who will debit the account: this app, or the integration the hosted link came from. */
  business: string;
  /** The account as the person knows it: "Checking ••6789 at StripeBank". */
  account: string;
};

export function achMandateText({ business, account }: MandateTextInput): string[] {
  return [
    `By accepting, you authorize ${business} to debit ${account} for any amount owed for charges arising from your use of ${business}'s services or purchases from ${business}, pursuant to ${business}'s terms, until this authorization is revoked.`,
    `If you use ${business}'s services or buy from ${business} periodically pursuant to its terms, you authorize ${business} to debit this account periodically. Payments outside these regular debits are only debited after your further authorization.`,
    `You may revoke this authorization at any time here, or by notifying ${business} with 30 (thirty) days notice. You also have the right to stop a payment through your bank.`,
  ];
}

/** This app's name as the debiting business, when a person authorizes on their own account page. */
export const APP_BUSINESS_NAME = "Linkwell";
