import { expect, it } from "vitest";
import { linkSessionSettings } from "./link-settings";

it("asks for the configured permissions, and a narrowed set prefetches only what it may read", () => {
  expect(linkSessionSettings()).toMatchObject({ permissions: ["payment_method", "balances", "ownership", "transactions"], prefetch: ["balances"] });
  expect(linkSessionSettings(["payment_method", "ownership"])).toMatchObject({ permissions: ["payment_method", "ownership"], prefetch: [] });
  expect(linkSessionSettings(["balances"]).prefetch).toEqual(["balances"]);
});
