// Prints, as JSON, what the production build in .next serves: every app route (pages, route
// handlers, metadata routes such as /icon or /robots.txt, whatever the source file's extension)
// from Next's own manifests, the HTTP methods each route handler module really exports (read
// from the built module, so `export const { GET } = ...`, `export *` and re-exports count), and
// the server actions. Run by e2e/served-routes.ts in its own process: loading built modules
// pulls in Next's server runtime, which has no business inside the test runner.
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const distDir = resolve(process.argv[2] ?? ".next");
const require = createRequire(import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(join(distDir, path), "utf8"));

// Next's own list of the methods a route handler can export (app-route module's HTTP_METHODS).
const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"];

async function main() {
  /** "/api/health/route" -> "app/api/health/route.js" (the built module). */
  const modules = readJson("server/app-paths-manifest.json");
  /** "/api/health/route" -> "/api/health" (the URL pattern, route groups and slots removed). */
  const urls = readJson("app-path-routes-manifest.json");
  const routes = [];
  for (const [entry, file] of Object.entries(modules)) {
    const pattern = urls[entry];
    if (!pattern) throw new Error(`${entry} is in app-paths-manifest.json but not in app-path-routes-manifest.json`);
    if (entry.endsWith("/page")) {
      routes.push({ kind: "page", pattern, entry, methods: ["GET"] });
      continue;
    }
    if (!entry.endsWith("/route")) throw new Error(`unknown kind of app entry: ${entry}`);
    const built = require(join(distDir, "server", file));
    const routeModule = built.routeModule;
    if (!routeModule?.ensureUserland) throw new Error(`${file} has no app route module: this Next version builds routes differently`);
    await routeModule.ensureUserland();
    const methods = HTTP_METHODS.filter((method) => typeof routeModule.userland[method] === "function");
    routes.push({ kind: "route", pattern, entry, methods });
  }
  const actions = readJson("server/server-reference-manifest.json");
  const serverActions = ["node", "edge"].flatMap((runtime) =>
    Object.entries(actions[runtime] ?? {}).map(([id, action]) => ({ id, runtime, name: action.exportedName ?? null, file: action.filename ?? null })),
  );
  const buildId = readFileSync(join(distDir, "BUILD_ID"), "utf8").trim();
  const builtAt = statSync(join(distDir, "BUILD_ID")).mtimeMs;
  process.stdout.write(JSON.stringify({ buildId, builtAt, routes, serverActions }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
