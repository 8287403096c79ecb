import "server-only";

/**
 * The wait before the next try after `attempts` failed ones: 5 s doubling to at most an hour,
 * given up after three days (Stripe's own retry window). A redelivery from Stripe, or an
 * admin's reprocess, takes a given-up event up again.
 */
export function retryDelaySeconds(attempts: number): number | null {
  const delay = Math.min(5 * 2 ** Math.max(0, attempts - 1), 3_600);
  return attempts >= 80 ? null : delay;
}
