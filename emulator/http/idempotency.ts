// Idempotency-Key: the same key with the same request replays the first response; the same key
// with a different request is a 400 idempotency_error. Keys live 24 hours, as at Stripe.

interface Entry {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  at: number;
}

const TTL_MS = 24 * 3600 * 1000;
const MAX_KEYS = 50_000;

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();

  get(scope: string, key: string): Entry | undefined {
    const e = this.entries.get(`${scope}\0${key}`);
    if (e && Date.now() - e.at > TTL_MS) {
      this.entries.delete(`${scope}\0${key}`);
      return undefined;
    }
    return e;
  }

  set(scope: string, key: string, entry: Omit<Entry, "at">): void {
    if (this.entries.size >= MAX_KEYS) {
      // Map iterates in insertion order: drop the oldest tenth.
      let n = MAX_KEYS / 10;
      for (const k of this.entries.keys()) {
        if (n-- <= 0) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(`${scope}\0${key}`, { ...entry, at: Date.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}
