// No server secret reaches a browser: the built client assets (made by `next build` before the
// e2e run) are scanned for secret shapes and for the literal secret values in use. The scanner
// itself is proved to catch an inlined secret in tooling/security/scan-secrets.test.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { scanForSecrets } from "@/tooling/security/scan-secrets";
import { stackInfo } from "./fixtures";

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

test("built client assets and prerendered pages hold no secret", () => {
  // Everything under .next/static goes to browsers as is; prerendered HTML/RSC payloads too.
  const files = [
    ...walk(".next/static").filter((f) => /\.(js|mjs|css|json|map|txt)$/.test(f)),
    ...walk(".next/server/app").filter((f) => /\.(html|rsc|body|meta)$/.test(f)),
  ];
  expect(files.filter((f) => f.startsWith(".next/static") && f.endsWith(".js")).length, "run `next build` first").toBeGreaterThan(10);

  const literals = [
    // server/env.ts's fallback and the secret the e2e stack runs with (scripts/e2e-stack.ts).
    "development-only-secret-not-for-production-use",
    "e2e-only-secret-with-at-least-32-characters",
    stackInfo().databaseUrl,
    ...["NEXTAUTH_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "GITHUB_SECRET", "GOOGLE_CLIENT_SECRET", "DATABASE_URL", "EMAIL_SERVER"]
      .map((name) => process.env[name])
      .filter((value): value is string => Boolean(value)),
  ];
  const findings = files.flatMap((file) => scanForSecrets(readFileSync(file, "utf8"), literals).map((f) => `${file}: ${f.pattern}: ${f.excerpt}`));
  expect(findings).toEqual([]);
});
