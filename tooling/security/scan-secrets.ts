// Finds server secrets in text meant for browsers (the built client bundles). Used by
// e2e/security-client-bundle.spec.ts on .next/static after `next build`.
// No "server-only": the test runner imports it.

export type SecretFinding = { pattern: string; excerpt: string; index: number };

/** Shapes of secrets that must never reach a browser; publishable keys (pk_) are meant to. */
export const SECRET_PATTERNS: { name: string; regex: RegExp }[] = [
  { name: "Stripe secret key", regex: /\bsk_(?:test|live)_[A-Za-z0-9_]{6,}/g },
  { name: "Stripe restricted key", regex: /\brk_(?:test|live)_[A-Za-z0-9_]{6,}/g },
  { name: "Stripe webhook secret", regex: /\bwhsec_[A-Za-z0-9_]{6,}/g },
  { name: "database URL", regex: /\bpostgres(?:ql)?:\/\/[^\s"'`]+/g },
  { name: "SMTP URL with credentials", regex: /\bsmtps?:\/\/[^\s"'`/@]+:[^\s"'`/@]+@/g },
];

/**
 * Every match of a secret shape, plus every occurrence of the literal values given (e.g. the
 * NEXTAUTH_SECRET in use, the OAuth client secrets): a secret has no shape of its own.
 */
export function scanForSecrets(text: string, literalSecrets: readonly string[] = []): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const excerpt = (index: number, length: number) => text.slice(Math.max(0, index - 30), index + Math.min(length, 40) + 30);
  for (const { name, regex } of SECRET_PATTERNS) {
    for (const match of text.matchAll(regex)) findings.push({ pattern: name, index: match.index, excerpt: excerpt(match.index, match[0].length) });
  }
  for (const secret of literalSecrets) {
    // Short values would match by chance; real secrets are long (server/env.ts requires 32+ for NEXTAUTH_SECRET).
    if (secret.length < 12) continue;
    for (let index = text.indexOf(secret); index !== -1; index = text.indexOf(secret, index + 1)) {
      findings.push({ pattern: "configured secret value", index, excerpt: "[redacted]" });
    }
  }
  return findings;
}
