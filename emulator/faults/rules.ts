// Fault injection: the next N requests matching a path (and method) answer 500, 429, reset the
// connection, or wait. Used by the app's reliability tests through /_emulator/faults.

export type FaultAction = "500" | "429" | "reset" | "delay";

export interface FaultRule {
  id: string;
  /** A path prefix, or a pattern with `*` wildcards (e.g. `/v1/financial_connections/accounts/*`). */
  path: string;
  method: string | null;
  action: FaultAction;
  remaining: number;
  delay_ms: number;
  retry_after: number;
  matcher: RegExp;
}

function toMatcher(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^?]*");
  // No wildcard: treat as a prefix so `/v1/customers` also covers `/v1/customers/cus_…`.
  return new RegExp(`^${escaped}${pattern.includes("*") ? "$" : ""}`);
}

let counter = 0;

export class FaultRules {
  rules: FaultRule[] = [];

  add(input: { path: string; method?: string | null; action: FaultAction; count?: number; delay_ms?: number; retry_after?: number }): FaultRule {
    const rule: FaultRule = {
      id: `fault_${++counter}`,
      path: input.path,
      method: input.method ? input.method.toUpperCase() : null,
      action: input.action,
      remaining: input.count ?? 1,
      delay_ms: input.delay_ms ?? 0,
      retry_after: input.retry_after ?? 1,
      matcher: toMatcher(input.path),
    };
    this.rules.push(rule);
    return rule;
  }

  /** Consumes one use of the first rule matching this request, if any. */
  take(method: string, path: string): FaultRule | null {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.method === null || r.method === method) && r.matcher.test(path));
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  describe(): Array<Omit<FaultRule, "matcher">> {
    return this.rules.map(({ matcher: _m, ...r }) => r);
  }
}
