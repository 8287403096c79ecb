// Ids shaped like Stripe's: a type prefix and a random base62 tail.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 248 = 62 * 4: bytes above it would bias the alphabet, so fold them back in the cheap way.
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) % 62];
  return out;
}

export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomBase62(length)}`;
}

export function requestId(): string {
  return newId("req", 14);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
