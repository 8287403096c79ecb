// The emulator's whole state, in memory, optionally mirrored to one JSON file. Writes are
// debounced and atomic (temp file + rename) so `npm run dev` restarts never see half a file.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { emptyState, type StateData, type TransactionRec, type SessionRec } from "./records.js";

const FILE = "state.json";

export class Store {
  data: StateData;
  private readonly dir: string | null;
  private timer: NodeJS.Timeout | null = null;
  private bySecret = new Map<string, SessionRec>();
  private txnById = new Map<string, TransactionRec>();

  constructor(dir: string | null) {
    this.dir = dir;
    this.data = dir ? load(dir) : emptyState();
    this.reindex();
  }

  nextSeq(): number {
    return ++this.data.seq;
  }

  private reindex(): void {
    this.bySecret.clear();
    this.txnById.clear();
    for (const s of Object.values(this.data.sessions)) this.bySecret.set(s.client_secret, s);
    for (const list of Object.values(this.data.transactions)) for (const t of list) this.txnById.set(t.id, t);
  }

  addSession(s: SessionRec): void {
    this.data.sessions[s.id] = s;
    this.bySecret.set(s.client_secret, s);
  }

  sessionBySecret(secret: string): SessionRec | undefined {
    return this.bySecret.get(secret);
  }

  addTransactions(account: string, txns: TransactionRec[]): void {
    const list = (this.data.transactions[account] ??= []);
    for (const t of txns) {
      list.push(t);
      this.txnById.set(t.id, t);
    }
  }

  transaction(id: string): TransactionRec | undefined {
    return this.txnById.get(id);
  }

  /** Marks the state dirty; the file is rewritten at most every 100 ms. */
  changed(): void {
    if (!this.dir || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, 100);
    this.timer.unref();
  }

  flush(): void {
    if (!this.dir) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, join(this.dir, FILE));
  }

  reset(): void {
    this.data = emptyState();
    this.reindex();
    if (this.dir) this.flush();
  }
}

function load(dir: string): StateData {
  const file = join(dir, FILE);
  if (!existsSync(file)) return emptyState();
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<StateData>;
    return { ...emptyState(), ...parsed };
  } catch (err) {
    // A corrupt file must not keep the emulator from starting: start empty and say so.
    console.warn(`[emulator] could not read ${file} (${String(err)}); starting with empty state`);
    return emptyState();
  }
}

export function wipeDataDir(dir: string): void {
  rmSync(join(dir, FILE), { force: true });
}
