// Registering an API key's callback URL: only public https addresses, refused with a 400 that
// names the field, and nothing stored.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { POST } from "./route";

// vi.mock is hoisted above the imports; the admin it returns is filled in by beforeAll.
const admin = vi.hoisted(() => ({ id: "", email: "", role: "admin" as const, name: null as string | null }));
vi.mock("@/lib/admin/require-admin-api", () => ({ requireAdminApi: async () => admin }));

beforeAll(async () => {
  const user = await prisma.user.create({ data: { email: `keys-admin-${randomUUID()}@example.com`, role: "admin" } });
  Object.assign(admin, { id: user.id, email: user.email });
});

const create = (webhookUrl: string) =>
  POST(
    new Request("http://app.test/api/admin/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `SSRF probe ${webhookUrl}`, redirect_uris: ["myapp://linked"], webhook_url: webhookUrl }),
    }),
  );

it.each([
  "https://169.254.169.254/latest/meta-data/",
  "https://10.0.0.1/hooks",
  "https://[fd00::1]/",
  "http://127.0.0.1:5432/",
  "https://2130706433/",
  "https://0x7f.1/",
  "https://[::ffff:127.0.0.1]/",
  "https://localhost/hooks",
  "https://metadata.google.internal/",
])("refuses the callback URL %s with a 400 naming webhook_url", async (url) => {
  const response = await create(url);
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { field: string; message: string } };
  expect(body.error.field).toBe("webhook_url");
  expect(body.error.message).toMatch(/^webhook_url: must be a public https address/);
  expect(await prisma.apiKey.count({ where: { name: `SSRF probe ${url}` } })).toBe(0);
});

it("registers a public https callback URL", async () => {
  const response = await create("https://api.example.com/hooks/linkwell?token=abc");
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ webhook_url: "https://api.example.com/hooks/linkwell?token=abc", webhook_secret: expect.stringMatching(/^lwwh_/) });
});
