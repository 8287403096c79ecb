// The import graph of the app's code, read with the TypeScript compiler: no cycles, lib/ never
// reaches into app/, components/ or emulator/, and test harnesses (test/) stay with the tests.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const SOURCE = /\.(ts|tsx)$/;
const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (name === "node_modules" || relative === path.join("lib", "generated")) return [];
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

const appCode = ["lib", "app", "components"].flatMap(sourceFiles).filter((f) => !isTest(f));
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

describe("layering", () => {
  it("reads the graph (a sanity check that the resolver finds imports)", () => {
    expect(graph.get(path.join("lib", "http", "api-error.ts"))).toContain(path.join("lib", "stripe", "stripe-errors.ts"));
  });

  it("has no import cycle in lib/, app/ and components/", () => {
    expect(cycles().map((cycle) => cycle.join(" > "))).toEqual([]);
  });

  it("keeps lib/ out of app/, components/ and emulator/, and test harnesses out of the app", () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => (file.startsWith("lib/") && /^(app|components|emulator)\//.test(target)) || target.startsWith("test/"))
        .map((target) => `${file} imports ${target}`),
    );
    expect(wrong).toEqual([]);
  });
});
