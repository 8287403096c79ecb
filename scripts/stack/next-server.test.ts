// Where `npm run dev` and `npm start` listen: development on loopback unless HOST says otherwise.
import { describe, expect, it } from "vitest";
import { listenHost, nextArgs } from "./next-server";

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
