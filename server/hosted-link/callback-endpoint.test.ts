import { expect, it } from "vitest";
import { callbackEndpoint } from "./callback-endpoint";

it("drops the query string, where integrators put tokens, and says one was there", () => {
  expect(callbackEndpoint("https://api.example.com/hooks/linkwell?token=secret&x=1")).toBe("https://api.example.com/hooks/linkwell?…");
  expect(callbackEndpoint("https://api.example.com/hooks/linkwell")).toBe("https://api.example.com/hooks/linkwell");
});
