// `tsx emulator/reset.ts`: wipes the persisted state (EMULATOR_DATA_DIR, default .data/emulator).
// A running emulator can be reset instead with `curl -X POST <emulator>/_emulator/reset`.
import { wipeDataDir } from "./store/store.js";

const dir = process.env.EMULATOR_DATA_DIR || ".data/emulator";
wipeDataDir(dir);
console.log(`Emulator state in ${dir} wiped.`);
