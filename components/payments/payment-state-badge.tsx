import { Badge, type Tone } from "@/components/ui/badge";
import { PAYMENT_STATE_LABELS, type PaymentState } from "@/lib/payments/payment-state";

const TONES: Record<PaymentState, Tone> = { pending: "blue", active: "green", failed: "red", inactive: "amber", revoked: "slate" };

/** An authorization's state in words, for the person's pages and the admin's tables. */
export function PaymentStateBadge({ state }: { state: PaymentState }) {
  return <Badge tone={TONES[state]}>{PAYMENT_STATE_LABELS[state]}</Badge>;
}
