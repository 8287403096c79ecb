// next-auth sends the browser to the `callbackUrl` of a sign-in (email link, OAuth) and a
// sign-out through the `redirect` callback: it must never leave this site.
import { describe, expect, it } from "vitest";
import { authOptions } from "./options";

const baseUrl = "http://localhost:3000";

async function redirectFor(url: string): Promise<string> {
  const redirect = authOptions().callbacks?.redirect;
  if (!redirect) throw new Error("no redirect callback: next-auth's default keeps /\\t/evil.example as it is");
  return await redirect({ url, baseUrl });
}

describe("the sign-in redirect callback", () => {
  it("keeps paths and URLs of this site", async () => {
    expect(await redirectFor("/accounts?x=1")).toBe("http://localhost:3000/accounts?x=1");
    expect(await redirectFor("http://localhost:3000/admin")).toBe("http://localhost:3000/admin");
  });

  it.each(["/\t/evil.example", "/\n/evil.example", "/%09/evil.example", "/\\evil.example", "//evil.example", "/%2F%2Fevil.example"])(
    "sends %j to the site's root",
    async (url) => {
      const target = await redirectFor(url);
      expect(target).toBe("http://localhost:3000/");
      expect(new URL(target).origin).toBe(baseUrl);
    },
  );

  it.each(["https://evil.example/", "http://localhost:3000.evil.example/", "javascript:alert(1)", "not a url"])("refuses %j", async (url) => {
    expect(await redirectFor(url)).toBe(baseUrl);
  });
});
