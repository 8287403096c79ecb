/** What an API key may be allowed to do; every /api/v1 operation needs one of them. */
export const API_SCOPES = ["read", "refresh", "link", "delete"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
