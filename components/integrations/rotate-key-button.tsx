"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { formatDateTime } from "@/lib/format/admin";
import { rotateIntegrationApiKeyAsAdmin, type RotateKeyState } from "@/server/integrations/key-actions";
import { ActionMessage } from "@/components/ui/action-message";
import { ConfirmDisclosure } from "@/components/ui/confirm-disclosure";
import { NewSecretBox } from "./new-secret-box";

type Props = { id: string; name: string; graceHours: number; rotatable: boolean };

/**
 * Rotates a key after a confirmation step: a new key (its secret shown here once) while the old
 * one keeps working for `graceHours`. The outcome sits outside the <details>, which a page
 * rendered without JavaScript shows closed; once the old key is rotated out the button goes and
 * only the outcome stays, so the new secret survives the page's re-render.
 */
export function RotateKeyButton({ id, name, graceHours, rotatable }: Props) {
  const [state, formAction] = useActionState<RotateKeyState, FormData>(rotateIntegrationApiKeyAsAdmin, IDLE);
  const created = state.created;
  // Nothing to offer and nothing to tell: no empty box taking a gap beside Revoke.
  if (!rotatable && state.status === "idle") return null;
  return (
    <div className="flex flex-col items-start gap-2 md:items-end">
      {rotatable && (
        <ConfirmDisclosure
          label="Rotate"
          action={formAction}
          hidden={{ keyId: id }}
          prompt={<>Make a new key for &ldquo;{name}&rdquo; with the same scopes? This one keeps working for {graceHours} hours, time to deploy the new one.</>}
          submitLabel="Rotate key"
          pendingLabel="Rotating…"
        />
      )}
      {created ? (
        <div className="w-64 max-w-full text-left">
          <NewSecretBox title={`New secret for ${created.name}`} secret={created.secret} copyLabel="Copy API key" testId="integration-key-secret">
            Shown once. The old key stops working {formatDateTime(new Date(created.oldKeyExpiresAt))}.
          </NewSecretBox>
          {created.callbackSecret && (
            <div className="mt-2">
              <NewSecretBox title="Its callback signing secret" secret={created.callbackSecret} copyLabel="Copy callback secret" testId="integration-key-callback-secret">
                Callbacks of links minted with the new key are signed with this secret.
              </NewSecretBox>
            </div>
          )}
        </div>
      ) : (
        <ActionMessage state={state} />
      )}
    </div>
  );
}
