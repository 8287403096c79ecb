// Loads Prisma's schema engine compiled to WASM. The `prisma` CLI needs a native engine it
// downloads at run time (impossible offline); this package ships the same engine and runs
// migrations through a driver adapter. Its package `exports` only offer a bundler entry
// (`import * as wasm from "./x.wasm"`), so in Node we instantiate the module ourselves.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

type Bindings = typeof glue;

// One instance per process: compiling 5 MB of WASM takes a few hundred ms and the
// bindings module keeps global state, so it can only be initialised once anyway.
let bindings: Promise<Bindings> | undefined;

/** The engine reports a Rust panic's message here just before it throws a bare RuntimeError. */
const panics = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
};
let lastPanic: string | undefined;

/** The message of the engine's last panic, if any (its thrown error does not carry it). */
export function takeEnginePanic(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

function loadBindings(): Promise<Bindings> {
  panics.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => (lastPanic = message) };
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

export type { SchemaEngine };

/** A schema engine bound to `factory` (its main database and its shadow database). */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema?: { path: string; content: string },
): Promise<SchemaEngine> {
  const glue = await loadBindings();
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  // The engine logs JSON lines (tracing); they are noise for our commands.
  const log = () => {};
  return glue.SchemaEngine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
}
