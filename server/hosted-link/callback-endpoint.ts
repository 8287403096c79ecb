/**
 * An integrator's callback URL as pages, logs and the audit trail show it: without its query
 * string, where integrators put tokens for their own endpoint ("?…" says one was there). The
 * full URL is shown once, to the admin who creates the key, and used only to send.
 */
export function callbackEndpoint(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : `${url.slice(0, query)}?…`;
}
