// The import graph of the app's code, read with the TypeScript compiler: no cycles; server/ and lib/
// never reach into app/, components/ or emulator/; lib/ (browser-safe) imports nothing server-only;
// the app never imports tooling/ (scripts' code) or a test harness (test/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const APP_FOLDERS = ["lib", "server", "app", "components"];
const SOURCE = /\.(ts|tsx)$/;
const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (name === "node_modules" || relative === path.join("server", "db", "generated")) return [];
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return SOURCE.test(name) && !name.endsWith(".d.ts") ? [relative] : [];
  });
}

function isFile(relative: string): boolean {
  try {
    return statSync(path.join(root, relative)).isFile();
  } catch {
    return false; // missing, or a path through a file (app/globals.css/index.ts)
  }
}

/** The project files `file` imports (type-only imports included), as paths from the root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    const base = fileName.startsWith("@/")
      ? fileName.slice(2)
      : fileName.startsWith(".")
        ? path.join(path.dirname(file), fileName)
        : null;
    if (base === null) return [];
    const found = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]
      .map((ext) => base + ext)
      .find((candidate) => SOURCE.test(candidate) && isFile(candidate));
    return found ? [path.normalize(found)] : [];
  });
}

const appCode = APP_FOLDERS.flatMap(sourceFiles).filter((f) => !isTest(f));
const graph = new Map(appCode.map((file) => [file, importsOf(file)]));

/** Each cycle a depth-first search meets, as the path around it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

/** Whether `file` (a path from the root) starts with one of `folders`. */
const under = (file: string, ...folders: string[]) => folders.some((folder) => file.startsWith(`${folder}/`));

/** Server-only: server/ itself, and packages that must never reach a browser bundle. */
function isServerOnly(target: string): boolean {
  return under(target, "server") || /^(server-only|node:|@prisma\/|pg$|stripe$|next-auth|nodemailer|pino)/.test(target);
}

function packageImportsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
  return importedFiles.map(({ fileName }) => fileName).filter((name) => !name.startsWith(".") && !name.startsWith("@/"));
}

describe("layering", () => {
  it("reads the graph (a sanity check that the resolver finds imports)", () => {
    expect(graph.get(path.join("server", "http", "api-error.ts"))).toContain(path.join("server", "stripe", "stripe-errors.ts"));
  });

  it("has no import cycle in lib/, server/, app/ and components/", () => {
    expect(cycles().map((cycle) => cycle.join(" > "))).toEqual([]);
  });

  it("keeps server/ and lib/ out of app/, components/ and emulator/", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      under(file, "server", "lib") ? imports.filter((target) => under(target, "app", "components", "emulator")).map((target) => `${file} imports ${target}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it("keeps test harnesses and tooling out of the app", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => under(target, "test", "tooling")).map((target) => `${file} imports ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it("keeps lib/ browser-safe: nothing in it imports server/ or a server-only package", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      under(file, "lib")
        ? [...imports, ...packageImportsOf(file)].filter(isServerOnly).map((target) => `${file} imports ${target}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });
});
