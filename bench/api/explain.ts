// The statements an API read sends, as the app sends them, and their plans. The app's Prisma
// client is the one server/db/client.ts keeps on globalThis; this puts one there first that
// reports every statement with its parameters, so the app's own functions can be called and what
// they sent explained with EXPLAIN (ANALYZE, BUFFERS) on the same data.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/db/generated/prisma/client";

export type Statement = { sql: string; params: unknown[] };

export type StatementRecorder = {
  /** Runs `call` and returns the statements it sent. */
  record(call: () => Promise<unknown>): Promise<Statement[]>;
};

/** Must run before anything in this process uses the app's `prisma`. */
export function installRecordingPrisma(databaseUrl: string): StatementRecorder {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }), log: [{ emit: "event", level: "query" }] });
  let recorded: Statement[] | null = null;
  client.$on("query", (event) => recorded?.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
  (globalThis as typeof globalThis & { __prisma?: PrismaClient }).__prisma = client;
  return {
    async record(call) {
      recorded = [];
      try {
        await call();
        return recorded;
      } finally {
        recorded = null;
      }
    },
  };
}

/** The statement shortened for a line: its select list elided, spaces collapsed. */
export function shortSql(sql: string, width = 150): string {
  const flat = sql.replace(/\s+/g, " ").trim().replace(/^SELECT (.+?) FROM /i, "SELECT … FROM ").replace(/"public"\./g, "");
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statement with its parameters, run `runs` times (the last,
 * warm one kept): the execution time with the top plan node, the nodes below it (which index
 * each scan uses, if any) and the top node's buffers.
 */
export async function explain(db: pg.ClientBase, statement: Statement, runs = 3): Promise<string[]> {
  let lines: string[] = [];
  for (let i = 0; i < runs; i++) {
    const { rows } = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
    lines = rows.map((r) => r["QUERY PLAN"]);
  }
  const time = lines.find((l) => l.startsWith("Execution Time")) ?? "Execution Time: ?";
  const nodes = lines.slice(1).filter((l) => l.trim().startsWith("->")).map((l) => l.trimEnd());
  const buffers = lines.find((l) => l.trim().startsWith("Buffers:"))?.trim();
  return [`${time}   ${lines[0]?.trim() ?? ""}`, ...nodes, ...(buffers ? [`  top node ${buffers}`] : [])];
}
