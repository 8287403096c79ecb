import "server-only";
import type Stripe from "stripe";
import type { Prisma, WebhookEvent } from "@/server/db/generated/prisma/client";

export type FinalState = "processed" | "ignored";

/** What a handler decided; the processor records it (with `apply` in the same transaction). */
export type HandlerResult = {
  state: FinalState;
  /** Why an event was ignored, kept in the event's `error` column for the admin. */
  note?: string;
  apply?: (tx: Prisma.TransactionClient) => Promise<unknown>;
};

/** Reads an account from Stripe, with the time the read started; may serve several events. */
export type AccountReader = (accountId: string) => Promise<{ account: Stripe.FinancialConnections.Account; fetchedAt: Date }>;

export type HandlerContext = {
  event: Stripe.Event;
  stored: WebhookEvent;
  readAccount: AccountReader;
  /**
   * Records the outcome and runs `apply` in one transaction, now. For handlers that must hold
   * a lock across their Stripe reads and the write; others just return a HandlerResult.
   */
  commit(result: HandlerResult): Promise<void>;
};

export type EventHandler = (context: HandlerContext) => Promise<HandlerResult | void>;
