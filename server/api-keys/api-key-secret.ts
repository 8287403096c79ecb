import "server-only";
import { hashSecret, randomSecret } from "@/server/hosted-link/secrets";

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "lwk_";

/** A new key: the secret (shown once), the characters shown in lists, and the stored hash. */
export function newApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${randomSecret()}`;
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + 8), secretHash: hashSecret(secret) };
}
