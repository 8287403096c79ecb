"use client";

import { useState } from "react";
import { ActionMessages, useAdminAction } from "@/components/admin/use-admin-action";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

type Created = { name: string; secret: string; webhook_secret: string | null };

const SECRET_BOX = "block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200";

const FIELD = "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

/** Creates a key; its secret is shown here once and never again. */
export function CreateApiKeyForm() {
  const { run, pending, error, done } = useAdminAction();
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    // Every line, blank ones too, so the server's "line N" matches the box (it skips blank ones).
    const redirectUris = String(data.get("redirect_uris") ?? "").replace(/\s+$/, "").split("\n");
    const body = {
      name: String(data.get("name") ?? ""),
      redirect_uris: redirectUris,
      webhook_url: String(data.get("webhook_url") ?? ""),
      mints_per_minute: String(data.get("mints_per_minute") ?? ""),
    };
    setCreated(null);
    const ok = await run("/api/admin/api-keys", body, (answer) => {
      setCreated(answer as Created);
      return "Key created. Copy the secret now: it is not shown again.";
    });
    if (ok) form.reset();
  }

  return (
    <div className="space-y-4">
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <div>
          <label htmlFor="api-key-name" className="block text-xs font-medium text-slate-600">
            Name (shown to people on the linking page)
          </label>
          <input id="api-key-name" name="name" required maxLength={80} placeholder="Acme Budget" className={FIELD} />
        </div>
        <div>
          <label htmlFor="api-key-webhook" className="block text-xs font-medium text-slate-600">
            Callback URL (optional; a public https address)
          </label>
          <input id="api-key-webhook" name="webhook_url" type="url" placeholder="https://api.example.com/linkwell" className={FIELD} />
        </div>
        <div>
          <label htmlFor="api-key-mints" className="block text-xs font-medium text-slate-600">
            Links per minute (shared by all of this app&apos;s users)
          </label>
          <input id="api-key-mints" name="mints_per_minute" type="number" min={1} max={10000} step={1} defaultValue={60} required className={FIELD} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="api-key-redirects" className="block text-xs font-medium text-slate-600">
            Redirect URIs, one per line (matched exactly: custom schemes like myapp://linked, or https links)
          </label>
          <textarea id="api-key-redirects" name="redirect_uris" required rows={3} placeholder={"myapp://linked\nhttps://app.example.com/linked"} className={`${FIELD} font-mono`} />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
      <ActionMessages error={error} done={done} />
      {created && (
        <div className="space-y-2 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200" data-testid="api-key-created">
          <p className="text-sm font-semibold text-amber-900">Secret for {created.name}</p>
          <code data-testid="api-key-secret" className={SECRET_BOX}>
            {created.secret}
          </code>
          <CopyButton value={created.secret} label="Copy API key" />
          {created.webhook_secret && (
            <>
              <p className="pt-2 text-sm font-semibold text-amber-900">Callback signing secret</p>
              <code data-testid="api-key-webhook-secret" className={SECRET_BOX}>
                {created.webhook_secret}
              </code>
              <CopyButton value={created.webhook_secret} label="Copy signing secret" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
