import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the part of a token or key that only its holder knows. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored instead of a secret: its SHA-256 (hex). The secrets are random, so no salt or slow hash is needed. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A cuid-shaped id, chosen before its row exists (a link session's id is known at minting). */
export function newRowId(): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  const bytes = randomBytes(24);
  return `c${[...bytes].map((b) => alphabet[b % 36]).join("")}`;
}

/** Tokens are exactly 43 base64url characters; anything else is not worth a database lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
