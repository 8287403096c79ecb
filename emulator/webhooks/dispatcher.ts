// Delivers events to the configured URLs the way Stripe does: one POST per event and endpoint,
// signed, retried with exponential backoff on non-2xx, errors and timeouts. Deliveries run
// concurrently, so order is not guaranteed (as at Stripe), and a retried delivery may arrive twice.
import type { DeliveryRec, EventRec } from "../store/records.js";
import type { Store } from "../store/store.js";
import { newId } from "../store/ids.js";
import { eventObject } from "../resources/objects.js";
import { signatureHeader } from "./sign.js";

export interface WebhookOptions {
  urls: string[];
  secret: string;
  /** Delay before retry n (ms) is base * 2^(n-1), capped. */
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

export interface DeliveryFault {
  action: "fail" | "duplicate" | "delay";
  remaining: number;
  delay_ms: number;
  /** Only deliveries of this event type, if set. */
  type: string | null;
}

export class WebhookDispatcher {
  readonly opts: WebhookOptions;
  readonly faults: DeliveryFault[] = [];
  private readonly store: Store;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private closed = false;
  private idle: Array<() => void> = [];

  constructor(store: Store, opts: WebhookOptions) {
    this.store = store;
    this.opts = opts;
  }

  /** Picks up deliveries left pending by a previous run (at-least-once across restarts). */
  resume(): void {
    for (const d of this.store.data.deliveries) if (d.status === "pending") this.schedule(d, 0);
  }

  enqueue(event: EventRec): void {
    for (const url of this.opts.urls) {
      const d: DeliveryRec = { id: newId("whdel", 16), event: event.id, url, status: "pending", attempts: [], next_attempt_at: Date.now() };
      this.store.data.deliveries.push(d);
      this.schedule(d, 0);
    }
    // Keep the delivery log bounded; finished deliveries are only kept for inspection.
    const all = this.store.data.deliveries;
    if (all.length > 5000) this.store.data.deliveries = all.filter((d, i) => d.status === "pending" || i > all.length - 2000);
  }

  pendingFor(eventId: string): number {
    let n = 0;
    for (const d of this.store.data.deliveries) if (d.event === eventId && d.status === "pending") n++;
    return n;
  }

  /** Ids of events with a delivery not (yet) succeeded: pending, or failed for good. */
  undeliveredEvents(): Set<string> {
    const ids = new Set<string>();
    for (const d of this.store.data.deliveries) if (d.status !== "succeeded") ids.add(d.event);
    return ids;
  }

  /** Retries every pending delivery now, ignoring backoff. */
  flush(): void {
    for (const d of this.store.data.deliveries) if (d.status === "pending") this.schedule(d, 0);
  }

  /** Resolves when no delivery is pending (for tests and tools). */
  whenIdle(): Promise<void> {
    if (!this.store.data.deliveries.some((d) => d.status === "pending")) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inflight) c.abort();
  }

  private schedule(d: DeliveryRec, delayMs: number): void {
    if (this.closed) return;
    d.next_attempt_at = Date.now() + delayMs;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.attempt(d);
    }, delayMs);
    t.unref();
    this.timers.add(t);
  }

  private takeFault(type: string): DeliveryFault | null {
    const f = this.faults.find((x) => x.remaining > 0 && (x.type === null || x.type === type));
    if (!f) return null;
    f.remaining--;
    if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f;
  }

  private async attempt(d: DeliveryRec): Promise<void> {
    if (this.closed || d.status !== "pending") return;
    const event = this.store.data.events.find((e) => e.id === d.event);
    if (!event) {
      d.status = "failed";
      this.settle();
      return;
    }
    const fault = this.takeFault(event.type);
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    if (fault?.action === "fail") {
      error = "injected failure (not sent)";
    } else {
      if (fault?.action === "delay") await new Promise((r) => setTimeout(r, fault.delay_ms));
      ({ status, error } = await this.post(d.url, event));
      if (fault?.action === "duplicate" && status !== null) await this.post(d.url, event);
    }
    if (this.closed) return;
    d.attempts.push({ at: Math.floor(started / 1000), status, error, duration_ms: Date.now() - started });
    if (status !== null && status >= 200 && status < 300) {
      d.status = "succeeded";
      d.next_attempt_at = null;
    } else if (d.attempts.length >= this.opts.maxAttempts) {
      d.status = "failed";
      d.next_attempt_at = null;
    } else {
      this.schedule(d, Math.min(this.opts.retryBaseMs * 2 ** (d.attempts.length - 1), this.opts.retryMaxMs));
    }
    this.store.changed();
    this.settle();
  }

  private async post(url: string, event: EventRec): Promise<{ status: number | null; error: string | null }> {
    // Stripe sends pretty-printed JSON; the signature covers exactly these bytes.
    const payload = JSON.stringify(eventObject(event, this.pendingFor(event.id)), null, 2);
    const ctrl = new AbortController();
    this.inflight.add(ctrl);
    const timer = setTimeout(() => ctrl.abort(), this.opts.timeoutMs);
    // The abort must end the attempt even where undici does not settle (seen under load: an abort
    // landing between the answer's headers and its body left the delivery pending for good).
    const aborted = new Promise<{ status: null; error: string }>((resolve) =>
      ctrl.signal.addEventListener("abort", () => resolve({ status: null, error: "timeout" }), { once: true }),
    );
    try {
      return await Promise.race([this.send(url, payload, ctrl.signal), aborted]);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ctrl);
    }
  }

  private async send(url: string, payload: string, signal: AbortSignal): Promise<{ status: number | null; error: string | null }> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "stripe-signature": signatureHeader(payload, this.opts.secret),
        },
        body: payload,
        signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { status: null, error: signal.aborted ? "timeout" : String((err as Error).cause ?? err) };
    }
  }

  private settle(): void {
    if (this.idle.length === 0) return;
    if (this.store.data.deliveries.some((d) => d.status === "pending")) return;
    const waiters = this.idle;
    this.idle = [];
    for (const w of waiters) w();
  }
}
