// The shape of one deployment check (admin page /admin/health and `npm run doctor`).
import type { Env } from "@/server/env";

export type CheckStatus = "pass" | "warn" | "fail";

export type DeploymentCheck = {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, in one sentence. No secrets. */
  message: string;
  /** What to do about it, in one line ("Nothing to do." when it passes). */
  remedy: string;
};

/** Fetches a URL's answer status and headers; null when it could not be loaded. */
export type HeaderFetcher = (url: string) => Promise<{ status: number; headers: Headers } | null>;

export type DoctorContext = {
  env: Env;
  /** Judge as production: settings that development tolerates fail here instead of warning. */
  production: boolean;
  /** The host the admin page was requested on (the page only; the command has none). */
  requestHost?: string;
  now: Date;
  /** For the linking pages' own headers; the real fetch by default. */
  fetchHeaders?: HeaderFetcher;
};

export const NOTHING_TO_DO = "Nothing to do.";

export function check(id: string, title: string, status: CheckStatus, message: string, remedy = NOTHING_TO_DO): DeploymentCheck {
  return { id, title, status, message, remedy: status === "pass" ? NOTHING_TO_DO : remedy };
}

/** A problem that development tolerates: a warning there, a failure in production. */
export function severity(ctx: Pick<DoctorContext, "production">): CheckStatus {
  return ctx.production ? "fail" : "warn";
}

/** Rejects after `ms`: no check may hold the page or the command for long. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
