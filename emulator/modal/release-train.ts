// The Stripe.js release train the installed @stripe/stripe-js expects (`Stripe.version`), read from
// its bundle so that upgrading the package keeps `loadStripe` free of version warnings.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string | null = null;

export function releaseTrain(): string {
  if (cached) return cached;
  cached = "endive";
  let dir = process.cwd();
  for (let i = 0; i < 6; i++) {
    const file = join(dir, "node_modules/@stripe/stripe-js/dist/pure.mjs");
    if (existsSync(file)) {
      const m = /RELEASE_TRAIN\s*=\s*['"]([a-z0-9]+)['"]/.exec(readFileSync(file, "utf8"));
      if (m?.[1]) cached = m[1];
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return cached;
}
