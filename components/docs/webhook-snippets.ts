// Examples for the webhooks part of /docs/api (and docs/mobile-integration.md says the same).

export const WEBHOOK_EXAMPLE = `POST /your/webhook/endpoint HTTP/1.1
Content-Type: application/json
Linkwell-Signature: t=1796232665,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
Linkwell-Event-Id: evt_0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b

{
  "id": "evt_0f8e4c2a9b7d4e1f8a6c3b5d7e9f1a2b",
  "object": "event",
  "type": "account.balance_updated",
  "created": "2026-12-02T17:31:05.000Z",
  "data": {
    "account_id": "cm4…",
    "link_session_id": "cm3…",
    "user": { "external_id": "user_42" }
  }
}`;

// Checked against the server's own signing (server/integrations/webhooks/signing.ts) before publishing.
export const VERIFY_SNIPPET = `import crypto from "node:crypto";

// rawBody: the body exactly as received (Buffer or string), before any JSON parsing.
// secret: the endpoint's signing secret, "whsec_…", the whole string.
export function verifyLinkwellSignature(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = Object.fromEntries(String(header).split(",").map((p) => p.trim().split("=")));
  if (!/^\\d+$/.test(parts.t ?? "") || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  // Too old or from the future: a replay, or a clock badly off.
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > toleranceSeconds) return false;
  const expected = crypto.createHmac("sha256", secret).update(\`\${parts.t}.\${rawBody}\`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(parts.v1, "hex"));
}

// Express: keep the raw body for the signature, answer 2xx at once, work afterwards.
app.post("/linkwell/webhooks", express.raw({ type: "application/json" }), (req, res) => {
  if (!verifyLinkwellSignature(req.body, req.get("Linkwell-Signature"), process.env.LINKWELL_WEBHOOK_SECRET)) {
    return res.sendStatus(400);
  }
  const event = JSON.parse(req.body.toString("utf8"));
  res.sendStatus(200);
  queue.add(event); // skip an event.id seen before; then read the state through the API
});`;
