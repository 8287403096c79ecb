// Registering an API key's callback URL through the admin's form action: only public https
// addresses, refused with an error that names the field, and nothing stored.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/action-state";
import { prisma } from "@/server/db/client";
import { createApiKeyAsAdmin } from "./actions";

// vi.mock is hoisted above the imports; the admin it returns is filled in by beforeAll.
const admin = vi.hoisted(() => ({ id: "", email: "", role: "admin" as const, name: null as string | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => admin }));
// Outside a request there is no page cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  const user = await prisma.user.create({ data: { email: `keys-admin-${randomUUID()}@example.com`, role: "admin" } });
  Object.assign(admin, { id: user.id, email: user.email });
});

const create = (webhookUrl: string) => {
  const form = new FormData();
  form.set("name", `SSRF probe ${webhookUrl}`);
  form.set("redirect_uris", "myapp://linked");
  form.set("webhook_url", webhookUrl);
  form.set("mints_per_minute", "60");
  return createApiKeyAsAdmin(IDLE, form);
};

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
])("refuses the callback URL %s with an error naming webhook_url", async (url) => {
  const state = await create(url);
  expect(state).toMatchObject({ status: "error", field: "webhook_url", message: expect.stringMatching(/^webhook_url: must be a public https address/) });
  // The form gets back what was typed, and no secret.
  expect(state).toMatchObject({ fields: { webhook_url: url, redirect_uris: "myapp://linked" } });
  expect(state).not.toHaveProperty("created");
  expect(await prisma.apiKey.count({ where: { name: `SSRF probe ${url}` } })).toBe(0);
});

it("registers a public https callback URL and answers its secrets once", async () => {
  const state = await create("https://api.example.com/hooks/linkwell?token=abc");
  expect(state).toMatchObject({ status: "done", created: { secret: expect.stringMatching(/^lwk_/), webhookSecret: expect.stringMatching(/^lwwh_/) } });
  expect(state).not.toHaveProperty("fields");
  const stored = await prisma.apiKey.findFirstOrThrow({ where: { name: "SSRF probe https://api.example.com/hooks/linkwell?token=abc" } });
  expect(stored.webhookUrl).toBe("https://api.example.com/hooks/linkwell?token=abc");
  expect(await prisma.auditLog.count({ where: { targetId: stored.id, action: "api_key.create", actorId: admin.id } })).toBe(1);
});

it("numbers bad redirect URI lines as the box shows them (blank lines count, CRLF as a browser posts)", async () => {
  const form = new FormData();
  form.set("name", `Lines ${randomUUID()}`);
  form.set("redirect_uris", "myapp://linked\r\njavascript:alert(1)\r\n\r\notherapp:\r\n");
  const state = await createApiKeyAsAdmin(IDLE, form);
  expect(state).toMatchObject({ status: "error", field: "redirect_uris" });
  expect(state.status === "error" && state.message).toMatch(/line 2: javascript:alert\(1\).*line 4: otherapp:/);
});
