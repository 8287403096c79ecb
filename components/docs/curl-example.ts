// The curl line of an operation, built from its method, path and example body, so the examples
// on /docs/api change with the API rather than beside it.

/** `{id}` after `/accounts` reads best as `$ACCOUNT_ID`; other names as themselves (`$EXTERNAL_ID`). */
function shellVariable(path: string, name: string, at: number): string {
  if (name !== "id") return `$${name.toUpperCase()}`;
  const collection = path.slice(0, at).split("/").filter(Boolean).pop() ?? "object";
  return `$${collection.replace(/s$/, "").toUpperCase()}_ID`;
}

/** The path with each `{param}` as a shell variable, ready to sit inside double quotes. */
export function pathWithVariables(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string, at: number) => shellVariable(path, name, at));
}

/** Single-quoted for the shell: a quote inside becomes '\''. */
const singleQuoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function curlCommand({ method, baseUrl, path, body }: { method: string; baseUrl: string; path: string; body?: unknown }): string {
  const verb = method.toUpperCase();
  const lines = [`curl ${verb === "GET" ? "" : `-X ${verb} `}"${baseUrl}${pathWithVariables(path)}"`, `-H "Authorization: Bearer $LINKWELL_API_KEY"`];
  if (body !== undefined) lines.push(`-H "Content-Type: application/json"`);
  // A fresh key per attempt; a retry of the same attempt sends the same key again.
  if (verb === "POST") lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  // Indented under -d, so the JSON reads as part of the command.
  if (body !== undefined) lines.push(`-d ${singleQuoted(JSON.stringify(body, null, 2).replaceAll("\n", "\n  "))}`);
  return lines.join(" \\\n  ");
}
