// Where `npm run dev` and `npm start` listen: development on loopback unless HOST says otherwise.
import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { clusterArgs, listenHost, nextArgs, workerCount } from "./next-server";

describe("the listen address", () => {
  it("is loopback for next dev, Next's default (every interface) for next start", () => {
    expect(nextArgs("dev", 3000, listenHost("dev", undefined))).toEqual(["node_modules/next/dist/bin/next", "dev", "--port", "3000", "--hostname", "127.0.0.1"]);
    expect(nextArgs("start", 3000, listenHost("start", undefined))).toEqual(["node_modules/next/dist/bin/next", "start", "--port", "3000"]);
    expect(listenHost("dev", "  ")).toBe("127.0.0.1");
  });

  it("is HOST when set, for either", () => {
    expect(listenHost("dev", "0.0.0.0")).toBe("0.0.0.0");
    expect(listenHost("start", "127.0.0.1")).toBe("127.0.0.1");
  });
});

describe("the number of next start workers (WEB_CONCURRENCY)", () => {
  it("is one when unset, one per core for auto, else the number given", () => {
    expect(workerCount(undefined)).toBe(1);
    expect(workerCount(" ")).toBe(1);
    expect(workerCount("auto")).toBe(availableParallelism());
    expect(workerCount("3")).toBe(3);
  });

  it("names the setting when the value is not a worker count", () => {
    for (const bad of ["0", "-1", "1.5", "two", "65"]) expect(() => workerCount(bad)).toThrow(/WEB_CONCURRENCY must be "auto" or a whole number from 1 to 64/);
  });

  it("runs next start's own options under the cluster launcher", () => {
    expect(clusterArgs(2, nextArgs("start", 3000, "127.0.0.1"))).toEqual(["scripts/stack/next-cluster.mjs", "2", "--port", "3000", "--hostname", "127.0.0.1"]);
    expect(() => clusterArgs(2, nextArgs("dev", 3000, undefined))).toThrow("only next start");
  });
});
