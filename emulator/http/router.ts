// Route table for /v1: method + path pattern (`:id` segments) -> handler.
import type { Emu, RequestInfo } from "../core.js";
import type { FormObject } from "./form.js";

export interface ApiContext {
  emu: Emu;
  method: string;
  path: string;
  /** `:name` segments of the route pattern. */
  args: Record<string, string>;
  params: FormObject;
  livemode: boolean;
  /** The request's Stripe-Version (else the emulator's default): a few parameters depend on it. */
  apiVersion: string;
  request: RequestInfo;
}

export interface ApiResult {
  status?: number;
  body: unknown;
}

export type Handler = (ctx: ApiContext) => ApiResult;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: string;
  handler: Handler;
}

interface Compiled extends Route {
  re: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: Compiled[] = [];

  add(routes: Route[]): this {
    for (const r of routes) {
      const names: string[] = [];
      const re = new RegExp(
        "^" + r.pattern.replace(/:([a-z_]+)/g, (_m, name: string) => {
          names.push(name);
          return "([^/]+)";
        }) + "/?$",
      );
      this.routes.push({ ...r, re, names });
    }
    return this;
  }

  match(method: string, path: string): { route: Route; args: Record<string, string> } | null {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.re.exec(path);
      if (!m) continue;
      const args: Record<string, string> = {};
      r.names.forEach((n, i) => {
        args[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route: r, args };
    }
    return null;
  }
}
