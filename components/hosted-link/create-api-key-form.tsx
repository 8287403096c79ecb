"use client";

import { useState } from "react";
import { ActionMessages, useAdminAction } from "@/components/admin/use-admin-action";
import { Button } from "@/components/ui/button";

type Created = { name: string; secret: string; webhook_secret: string | null };

const FIELD = "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

/** Creates a key; its secret is shown here once and never again. */
export function CreateApiKeyForm() {
  const { run, pending, error, done } = useAdminAction();
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const redirectUris = String(data.get("redirect_uris") ?? "")
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const body = { name: String(data.get("name") ?? ""), redirect_uris: redirectUris, webhook_url: String(data.get("webhook_url") ?? "") };
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
          <code data-testid="api-key-secret" className="block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
            {created.secret}
          </code>
          {created.webhook_secret && (
            <>
              <p className="text-sm font-semibold text-amber-900">Callback signing secret</p>
              <code className="block rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">{created.webhook_secret}</code>
            </>
          )}
          <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(created.secret)}>
            Copy secret
          </Button>
        </div>
      )}
    </div>
  );
}
