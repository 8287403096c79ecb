// What a server action answers its form with: shared by the actions (server/*/actions.ts) and
// the forms that show the outcome (components/), so it holds nothing server-only.

export type ActionState =
  | { status: "idle" }
  | { status: "done"; message: string }
  | { status: "error"; message: string; field?: string; retryable?: boolean };

/** The state a form starts in, before its first submission. */
export const IDLE: ActionState = { status: "idle" };
