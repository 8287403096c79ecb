// The baseline webhook ingestion is compared with: plain single-row INSERTs of the same events
// into a copy of the WebhookEvent table, at the same concurrency, through a pool as large as
// the app's. What the app does beyond this (signature, routing, the queue) is the overhead.
import pg from "pg";

type EventShape = { id: string; type: string; created: number; data?: { object?: { id?: unknown } } };

/** Runs `run` over `items`, `concurrency` at a time. */
export async function inTurn<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/** Inserts every payload once (after `warmup` uncounted rows) and returns the rows per second. */
export async function plainInsertRate(databaseUrl: string, payloads: string[], options: { concurrency: number; poolSize: number; warmup?: number }): Promise<{ rows: number; seconds: number; perSecond: number }> {
  const table = `bench_plain_insert_${process.pid}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize });
  try {
    await pool.query(`CREATE TABLE "${table}" (LIKE "WebhookEvent" INCLUDING ALL)`);
    const insert = (id: string, body: string) => {
      const event = JSON.parse(body) as EventShape;
      const objectId = typeof event.data?.object?.id === "string" ? event.data.object.id : null;
      return pool.query(
        `INSERT INTO "${table}" (id, "stripeEventId", type, "stripeObjectId", livemode, payload, state, attempts, "stripeCreated", "receivedAt", "processedAt")
         VALUES ($1, $2, $3, $4, false, $5, 'processed', 1, to_timestamp($6), now(), now())`,
        [id, event.id, event.type, objectId, body, event.created],
      );
    };
    const warm = Array.from({ length: options.warmup ?? 100 }, (_, i) => i);
    await inTurn(warm, options.concurrency, async (i) => void (await insert(`warm_${i}`, JSON.stringify({ id: `evt_warm_${i}`, type: "warm", created: 1 }))));
    const rows = payloads.map((body, i) => ({ id: `plain_${i}`, body }));
    const started = performance.now();
    await inTurn(rows, options.concurrency, async ({ id, body }) => void (await insert(id, body)));
    const seconds = (performance.now() - started) / 1000;
    return { rows: rows.length, seconds, perSecond: rows.length / seconds };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS "${table}"`).catch(() => {});
    await pool.end();
  }
}
