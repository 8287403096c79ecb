// Stripe's webhook signature: HMAC-SHA256 over `${t}.${payload}`, hex, in `t=…,v1=…`.
import { createHmac } from "node:crypto";

export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}
