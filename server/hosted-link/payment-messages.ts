// What the hosted page's "Authorize debits" answers, shared with the page (browser-safe): it
// tells "ready" from "still being set up" by these words.
export const HOSTED_PAYMENTS_READY = "Ready for payments.";
export const HOSTED_PAYMENTS_SETTING_UP = "Stripe is setting up payments from this account.";
