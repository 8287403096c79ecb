// Driver adapter factories for the schema engine.
//
// Why not plain `new PrismaPg(...)`: its `executeScript` (what the engine uses to run a
// migration.sql) splits the script on every ";" and sends the pieces one by one through the
// pool. A ";" inside a comment, a string or a function body breaks the migration, and a
// failure half-way leaves the first statements committed. We send the whole script as ONE
// simple-protocol query instead: PostgreSQL parses it itself and runs a multi-statement query
// as a single implicit transaction, so a failing migration changes nothing.
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type UrlSource = string | (() => Promise<string>);

/** Migrations run rarely and sequentially: two connections are plenty. */
const POOL = { max: 2, connectionTimeoutMillis: 5_000 };

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Ends every pool the engine opened (the engine never does, and idle pools keep Node alive). */
  dispose(): Promise<void>;
}

/**
 * A factory for the database at `main`; diffs that need a shadow database get one from
 * `shadow` (a fresh embedded PGlite), never a CREATE DATABASE on the target server.
 * URLs may be given lazily so a database is only started if the engine asks for it.
 */
export function migrationAdapterFactory(main: UrlSource, shadow?: UrlSource): MigrationAdapterFactory {
  const opened: PgAdapter[] = [];
  const open = async (source: UrlSource) => {
    const connectionString = typeof source === "string" ? source : await source();
    const adapter = await new PrismaPg({ connectionString, ...POOL }).connect();
    opened.push(adapter);
    return runScriptsWhole(adapter);
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => open(main),
    connectToShadowDb: () => {
      if (!shadow) throw new Error("this command has no shadow database");
      return open(shadow);
    },
    dispose: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

function runScriptsWhole(adapter: PgAdapter): SqlDriverAdapter {
  const pool = adapter.underlyingDriver();
  const wrapped = readCharColumns(adapter);
  wrapped.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (err) {
      // The adapter's own conversion turns pg errors into the DriverAdapterError the engine
      // understands (it then reports "ERROR: ..." together with the migration name).
      (adapter as unknown as Internals).onError(err);
    }
  };
  // The engine disposes adapters it is done with; the pool is ended once, by our dispose().
  wrapped.dispose = async () => {};
  const startTransaction = adapter.startTransaction.bind(wrapped);
  wrapped.startTransaction = async (isolationLevel) =>
    readCharColumns(await startTransaction(isolationLevel));
  return wrapped;
}

interface PgResult {
  fields: { dataTypeID: number }[];
  rows: unknown[];
}
interface Internals {
  onError(e: unknown): never;
  performIO(query: unknown): Promise<PgResult>;
}

/**
 * The engine's introspection reads catalog columns of PostgreSQL's one-byte "char" type
 * (pg_constraint.contype, pg_class.relkind...) and expects them as Character values, but
 * adapter-pg 7.10 refuses the type ("Column type 'char' could not be deserialized"), which
 * breaks every diff that replays migrations. We let adapter-pg read such a column as text
 * (pg already hands its value over as a one-letter string), then declare it Character.
 */
const CHAR_OID = 18;
const TEXT_OID = 25;
const CHARACTER_COLUMN = ColumnTypeEnum.Character;

function readCharColumns<T extends object>(queryable: T): T {
  const wrapped = Object.create(queryable) as T & Internals & SqlQueryable;
  const internals = queryable as unknown as Internals;
  const performIO = internals.performIO.bind(wrapped);
  const queryRaw = (queryable as unknown as SqlQueryable).queryRaw.bind(wrapped);
  // Keyed by the rows array, which queryRaw returns as is: safe with concurrent queries.
  const charColumns = new WeakMap<unknown[], number[]>();
  wrapped.performIO = async (query) => {
    const result = await performIO(query);
    const indexes = result.fields.flatMap((f, i) => (f.dataTypeID === CHAR_OID ? [i] : []));
    if (indexes.length > 0) {
      for (const i of indexes) result.fields[i]!.dataTypeID = TEXT_OID;
      charColumns.set(result.rows, indexes);
    }
    return result;
  };
  wrapped.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
  return wrapped;
}
