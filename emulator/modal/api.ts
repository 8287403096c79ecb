// JSON endpoints the modal iframe (same origin as the emulator) calls while the user links
// accounts. The client secret is the credential, as it is for Stripe.js.
import type { Emu } from "../core.js";
import type { SessionRec } from "../store/records.js";
import { INSTITUTIONS, findInstitution, type AccountTemplate, type Institution } from "../data/institutions.js";
import { linkAccounts, bankAccountToken } from "../resources/link.js";
import { sessionObject } from "../resources/objects.js";
import { newId } from "../store/ids.js";

export class ModalError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

/** What Stripe.js resolves with: the session with `accounts` as a plain array. */
export function stripeJsSession(emu: Emu, s: SessionRec): Record<string, unknown> {
  const obj = sessionObject(s, emu.store);
  return { ...obj, accounts: obj.accounts.data };
}

function session(emu: Emu, body: Record<string, unknown>, allowCompleted = false): SessionRec {
  const secret = typeof body.client_secret === "string" ? body.client_secret : "";
  const s = emu.store.sessionBySecret(secret);
  if (!s) throw new ModalError(`No such financial_connections.session client secret: '${secret.slice(0, 30)}…'`, 404);
  if (s.completed && !allowCompleted) throw new ModalError("This Financial Connections session has already been completed. Create a new session to link more accounts.");
  return s;
}

export interface PickerAccount {
  key: string;
  display_name: string;
  last4: string;
  subcategory: string;
  category: string;
  selectable: boolean;
  reason: string | null;
}

/** The accounts the picker shows, honouring the session's filters and permissions. */
export function pickerAccounts(s: SessionRec, inst: Institution): PickerAccount[] {
  const subs = s.filters.account_subcategories;
  const needsPayment = s.permissions.includes("payment_method");
  return inst.accounts
    .filter((a) => !subs || subs.includes(a.subcategory))
    .map((a) => {
      const payable = a.supported_payment_method_types.includes("us_bank_account");
      const selectable = !needsPayment || payable;
      return {
        key: a.key,
        display_name: a.display_name,
        last4: a.last4,
        subcategory: a.subcategory,
        category: a.category,
        selectable,
        reason: selectable ? null : "This account can't be used for payments",
      };
    });
}

function stepView(emu: Emu, s: SessionRec): Record<string, unknown> {
  const inst = s.flow.institution ? findInstitution(s.flow.institution) : undefined;
  const view: Record<string, unknown> = { step: s.flow.step, institution: inst ? { id: inst.id, name: inst.name } : null, error: s.flow.error };
  if (s.flow.step === "failed") view.error_code = s.flow.error_code ?? "unexpected_error";
  if (s.flow.step === "ready" && inst) view.accounts = pickerAccounts(s, inst);
  if (s.flow.step === "needs_oauth" && s.flow.oauth_attempt) {
    const base = emu.options.publicUrl ?? "";
    view.oauth_url = `${base}/_emulator/modal/oauth?attempt=${encodeURIComponent(s.flow.oauth_attempt)}${s.return_url ? "&redirect=1" : ""}`;
    view.redirect = Boolean(s.return_url);
  }
  if (s.flow.step === "needs_security_question") view.question = "What was the name of your first pet?";
  if (s.flow.step === "needs_option") view.options = ["Text a code to •••-•••-1234", "Email a code to j•••@example.com"];
  return view;
}

function sandboxOutcome(username: string, password: string): SessionRec["flow"]["step"] | "incorrect" | "error" {
  const typed = `${username} ${password}`.toLowerCase();
  if (typed.includes("error")) return "error";
  if (typed.includes("incorrect")) return "incorrect";
  if (typed.includes("security_question")) return "needs_security_question";
  if (typed.includes("options")) return "needs_option";
  if (typed.includes("mfa")) return "needs_mfa";
  return "ready";
}

function fail(s: SessionRec, message: string, code = "unexpected_error"): void {
  s.flow.step = "failed";
  s.flow.error = message;
  s.flow.error_code = code;
}

export function handleModalApi(emu: Emu, action: string, body: Record<string, unknown>): unknown {
  if (action === "oauth_authorize") {
    const attempt = String(body.attempt ?? "");
    const s = Object.values(emu.store.data.sessions).find((x) => x.flow.oauth_attempt === attempt && x.flow.step === "needs_oauth");
    if (!s) throw new ModalError("This authorization request has expired.", 404);
    if (body.decision === "cancel") {
      s.flow = { institution: null, step: "start", oauth_attempt: null, error: "You cancelled the login at your bank." };
    } else {
      s.flow.step = "ready";
      s.flow.oauth_attempt = null;
    }
    emu.store.changed();
    return { ok: true, return_url: s.return_url };
  }
  if (action === "oauth_info") {
    const attempt = String(body.attempt ?? "");
    const s = Object.values(emu.store.data.sessions).find((x) => x.flow.oauth_attempt === attempt);
    const inst = s?.flow.institution ? findInstitution(s.flow.institution) : undefined;
    if (!s || !inst) throw new ModalError("This authorization request has expired.", 404);
    return { institution: inst.name, permissions: s.permissions };
  }

  if (action === "start") {
    const s = session(emu, body);
    return {
      session: { permissions: s.permissions, limits: s.limits, filters: s.filters, return_url: s.return_url, livemode: s.livemode, business_name: emu.options.businessName },
      institutions: INSTITUTIONS.map((i) => ({ id: i.id, name: i.name, description: i.description, auth: i.auth, down: i.down ?? null })),
      ...stepView(emu, s),
    };
  }
  if (action === "status") return stepView(emu, session(emu, body));

  const s = session(emu, body);
  switch (action) {
    case "select": {
      const inst = findInstitution(String(body.institution ?? ""));
      if (!inst) throw new ModalError("Unknown institution");
      s.flow = { institution: inst.id, step: "start", oauth_attempt: null, error: null };
      if (inst.down === "scheduled" || inst.down === "unscheduled") {
        s.flow.institution = null;
        return {
          step: "down",
          error_code: "institution_unavailable",
          institution: { id: inst.id, name: inst.name },
          error:
            inst.down === "scheduled"
              ? `${inst.name} is undergoing scheduled maintenance. Please try again later or choose another bank.`
              : `${inst.name} is currently unavailable. Please try again later or choose another bank.`,
        };
      }
      s.flow.step = inst.auth === "none" ? "ready" : inst.auth === "oauth" ? "needs_oauth" : "needs_login";
      if (inst.auth === "oauth") s.flow.oauth_attempt = newId("fcauth", 24);
      break;
    }
    case "login": {
      if (s.flow.step !== "needs_login") throw new ModalError("No login is expected now.");
      if (s.flow.institution === "down_bank_error") {
        fail(s, "Down Bank (Error) returned an error while connecting. Please try another bank.", "institution_unavailable");
        break;
      }
      const out = sandboxOutcome(String(body.username ?? ""), String(body.password ?? ""));
      if (out === "incorrect") s.flow.error = "The username or password is incorrect. Please try again.";
      else if (out === "error") fail(s, "We could not connect to your bank. Please try again later.");
      else {
        s.flow.step = out;
        s.flow.error = null;
      }
      break;
    }
    case "mfa":
    case "security_question":
    case "option": {
      const expected = action === "mfa" ? "needs_mfa" : action === "security_question" ? "needs_security_question" : "needs_option";
      if (s.flow.step !== expected) throw new ModalError("No such prompt is expected now.");
      const answer = String(body.answer ?? "").toLowerCase();
      if (answer.includes("error")) fail(s, "We could not connect to your bank. Please try again later.");
      else if (answer.includes("incorrect") || answer === "") s.flow.error = "That answer is incorrect. Please try again.";
      else {
        // Choosing where to get the code leads to the code prompt, as at a real bank.
        s.flow.step = action === "option" ? "needs_mfa" : "ready";
        s.flow.error = null;
      }
      break;
    }
    case "back": {
      s.flow = { institution: null, step: "start", oauth_attempt: null, error: null };
      break;
    }
    case "link": {
      if (s.flow.step !== "ready" || !s.flow.institution) throw new ModalError("Select an institution first.");
      const inst = findInstitution(s.flow.institution);
      if (!inst) throw new ModalError("Unknown institution");
      const keys = Array.isArray(body.accounts) ? body.accounts.map(String) : [];
      const allowed = pickerAccounts(s, inst);
      if (keys.length === 0) throw new ModalError("Select at least one account.");
      if (keys.length > s.limits.accounts) throw new ModalError(`You can link at most ${s.limits.accounts} account${s.limits.accounts === 1 ? "" : "s"}.`);
      const templates: AccountTemplate[] = [];
      for (const k of new Set(keys)) {
        const p = allowed.find((a) => a.key === k);
        const tpl = inst.accounts.find((a) => a.key === k);
        if (!p || !tpl || !p.selectable) throw new ModalError(`Account ${k} cannot be linked in this session.`);
        templates.push(tpl);
      }
      const created = linkAccounts(emu, s, inst, templates);
      let token: Record<string, unknown> | undefined;
      if (body.mode === "token") {
        const payable = created.find((a) => a.supported_payment_method_types.includes("us_bank_account"));
        if (payable) {
          const cus = s.account_holder.customer ? emu.store.data.customers[s.account_holder.customer] : undefined;
          token = bankAccountToken(s, payable, cus?.name ?? null);
          s.bank_account_token = token;
        }
      }
      s.flow.step = "ready";
      emu.store.changed();
      return { step: "done", result: { financialConnectionsSession: stripeJsSession(emu, s), ...(body.mode === "token" ? { token } : {}) } };
    }
    default:
      throw new ModalError(`Unknown action ${action}`, 404);
  }
  emu.store.changed();
  return stepView(emu, s);
}

/** The result for a closed modal: the session as it stands (no accounts unless some were linked). */
export function cancelResult(emu: Emu, body: Record<string, unknown>): unknown {
  const s = session(emu, body, true);
  const result: Record<string, unknown> = { financialConnectionsSession: stripeJsSession(emu, s) };
  if (body.mode === "token") result.token = s.bank_account_token ?? undefined;
  return { result };
}
