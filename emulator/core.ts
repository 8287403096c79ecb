// The emulator's shared context: state, timing options, event emission and background work.
import type { EventRec, LinkChoice, Livemode } from "./store/records.js";
import { Store } from "./store/store.js";
import { newId, nowSeconds } from "./store/ids.js";
import { API_VERSION } from "./resources/objects.js";
import { WebhookDispatcher, type WebhookOptions } from "./webhooks/dispatcher.js";
import { FaultRules } from "./faults/rules.js";

export interface EmuOptions {
  /** How long a refresh stays `pending` before it succeeds or fails. */
  refreshDelayMs: number;
  /** Seconds after a finished refresh before the next one is allowed. */
  refreshCooldownSeconds: number;
  publicUrl: string | null;
  /** The platform's business name, which the modal shows as Stripe's does ("Linkwell uses Stripe…"). */
  businessName: string;
  webhooks: WebhookOptions;
  /** Sessions created while set complete with these accounts at their first retrieve (off: null). */
  autoComplete: LinkChoice | null;
}

export interface RequestInfo {
  id: string | null;
  idempotency_key: string | null;
}

export class Emu {
  readonly store: Store;
  readonly options: EmuOptions;
  readonly webhooks: WebhookDispatcher;
  readonly faults = new FaultRules();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(store: Store, options: EmuOptions) {
    this.store = store;
    this.options = options;
    this.webhooks = new WebhookDispatcher(store, options.webhooks);
  }

  emit(type: string, livemode: Livemode, object: Record<string, unknown>, request: RequestInfo | null, previous?: Record<string, unknown>): EventRec {
    const e: EventRec = {
      id: newId("evt"),
      seq: this.store.nextSeq(),
      livemode,
      created: nowSeconds(),
      type,
      api_version: API_VERSION,
      data: previous ? { object, previous_attributes: previous } : { object },
      request: request ?? { id: null, idempotency_key: null },
    };
    const events = this.store.data.events;
    events.push(e);
    // Stripe keeps 30 days of events; a cap keeps a long-running dev emulator small.
    if (events.length > 20_000) events.splice(0, events.length - 15_000);
    this.store.changed();
    this.webhooks.enqueue(e);
    return e;
  }

  /** Runs `fn` later unless the emulator closes first. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.webhooks.close();
  }
}
