// What Next itself serves, read from the production build (see served-routes.mjs).
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export type ServedRoute = { kind: "page" | "route"; pattern: string; entry: string; methods: string[] };
export type ServedApp = { buildId: string; builtAt: number; routes: ServedRoute[]; serverActions: { id: string; name: string | null; file: string | null }[] };

/** Files that make a route: pages, handlers, and metadata routes (icons, robots, sitemap, manifest). */
const ROUTE_FILE = /^(page|route|default|robots|sitemap|manifest|favicon|icon\d*|apple-icon\d*|opengraph-image\d*|twitter-image\d*)\.\w+$/;

function newestRouteFile(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory() && !ROUTE_FILE.test(entry.name)) continue;
    const candidate = entry.isDirectory() ? newestRouteFile(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/**
 * The routes, methods and server actions of the build in `.next`. A build older than a route
 * file under app/ may be missing routes or methods (and the production server the tests drive serves it), so
 * that is an error, not a silent pass.
 */
export function servedApp(): ServedApp {
  const output = execFileSync(process.execPath, ["e2e/served-routes.mjs", ".next"], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  const app = JSON.parse(output) as ServedApp;
  const newest = newestRouteFile("app");
  if (newest.mtimeMs > app.builtAt) {
    throw new Error(`${newest.path} changed after the production build in .next: run \`npm run build\` so the tests see every route Next serves`);
  }
  return app;
}
