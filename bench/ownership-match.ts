// The name matcher against its labelled sets (lib/ownership/name-pairs.ts and a hold-out), printed (not a test):
// counts, precision and recall (predicted same = "match"; "partial" counts as not the same), the
// throughput of compareNames over the whole set, and every pair it gets wrong.
// Run: npx tsx bench/ownership-match.ts   (BENCH_ITERATIONS to change the timing loop, default 200)
import { compareNames } from "../lib/ownership/match-name";
import { NAME_PAIRS, type NamePair } from "../lib/ownership/name-pairs";
import { HOLDOUT_NAME_PAIRS } from "../lib/ownership/name-pairs-holdout";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);

/** Precision and recall over one labelled set, with every pair the matcher gets wrong. */
function evaluate(title: string, pairs: NamePair[]) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const pair of pairs) {
    const { result, score, reason } = compareNames(pair.holder, pair.owner);
    const predicted = result === "match";
    if (predicted && pair.same) tp++;
    else if (predicted) fp++;
    else if (pair.same) fn++;
    else tn++;
    if (predicted !== pair.same) {
      wrong.push(`  ${pair.same ? "FN" : "FP"}  "${pair.holder}" vs "${pair.owner}" (${pair.note}): ${result} ${score}, ${reason}`);
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const same = pairs.filter((pair) => pair.same).length;
  console.log(`${title}`);
  console.log(`pairs            ${pairs.length} (${same} same, ${pairs.length - same} different)`);
  console.log(`true positives   ${tp}`);
  console.log(`false positives  ${fp}`);
  console.log(`true negatives   ${tn}`);
  console.log(`false negatives  ${fn}`);
  console.log(`precision        ${precision.toFixed(4)}`);
  console.log(`recall           ${recall.toFixed(4)}`);
  console.log(`misclassified    ${wrong.length}`);
  for (const line of wrong) console.log(line);
}

function main() {
  evaluate("labelled set (lib/ownership/name-pairs.ts, target precision >= 0.99 at recall >= 0.95)", NAME_PAIRS);
  console.log("");
  evaluate("hold-out set (lib/ownership/name-pairs-holdout.ts, written apart from the matcher)", HOLDOUT_NAME_PAIRS);

  // Warm up, then time whole passes over the main set.
  for (const pair of NAME_PAIRS) compareNames(pair.holder, pair.owner);
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) for (const pair of NAME_PAIRS) compareNames(pair.holder, pair.owner);
  const seconds = (performance.now() - start) / 1000;
  const compared = ITERATIONS * NAME_PAIRS.length;
  console.log("");
  console.log(`throughput       ${Math.round(compared / seconds).toLocaleString("en-US")} pairs/s (${compared.toLocaleString("en-US")} comparisons in ${(seconds * 1000).toFixed(0)} ms)`);
}

main();
