import type { ActionState } from "@/lib/action-state";
import { Alert } from "./alert";
import { cn } from "@/lib/cn";

/** The outcome of a form's last server action: a success note or the error, nothing while idle. */
export function ActionMessage({ state, className }: { state: ActionState; className?: string }) {
  if (state.status === "idle") return null;
  return (
    <Alert tone={state.status === "error" ? "error" : "success"} className={cn("px-3 py-2", className)}>
      {state.message}
    </Alert>
  );
}
