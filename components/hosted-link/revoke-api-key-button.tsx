"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { StatusBadge } from "@/components/ui/badge";
import { ActionMessages, useAdminAction } from "@/components/admin/use-admin-action";
import { Button } from "@/components/ui/button";

type RowState = { revoked: boolean; setRevoked: () => void };
const Row = createContext<RowState>({ revoked: false, setRevoked: () => undefined });

/**
 * A key's table row: its status cell and its Revoke button share whether it is revoked, so the
 * row says "revoked" as soon as the server confirms, before the page's refresh arrives.
 */
export function ApiKeyRow({ revoked, prefix, children }: { revoked: boolean; prefix: string; children: ReactNode }) {
  const [revokedHere, setRevokedHere] = useState(false);
  const state = { revoked: revoked || revokedHere, setRevoked: () => setRevokedHere(true) };
  return (
    <Row.Provider value={state}>
      <tr data-testid="api-key-row" data-prefix={prefix} data-revoked={state.revoked}>
        {children}
      </tr>
    </Row.Provider>
  );
}

export function ApiKeyStatus({ revokedTitle }: { revokedTitle?: string }) {
  const { revoked } = useContext(Row);
  return revoked ? (
    <span title={revokedTitle}>
      <StatusBadge status="revoked" />
    </span>
  ) : (
    <StatusBadge status="active" />
  );
}

/** Revokes a key after a confirmation: its links stop working at once. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { revoked, setRevoked } = useContext(Row);
  const { run, pending, error, done } = useAdminAction();
  if (revoked && !done) return null;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      {!revoked && (
        <Button
          variant="danger"
          className="py-1.5"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Revoke the key "${name}"? Its backend can no longer mint links, and open links stop working.`)) return;
            void run(`/api/admin/api-keys/${id}/revoke`, {}, () => {
              setRevoked();
              return "Revoked.";
            });
          }}
        >
          Revoke
        </Button>
      )}
      <ActionMessages error={error} done={done} />
    </div>
  );
}
