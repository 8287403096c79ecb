// The modal's browser code (served as /_emulator/modal/modal.js). Plain ES2017, no framework:
// a small state machine that renders one screen at a time and calls modal/api.ts.
// Kept free of backticks and dollar-brace so it can live in a raw template string.

export const MODAL_JS = String.raw`(function () {
"use strict";
var params = new URLSearchParams(location.hash.slice(1));
var secret = params.get("client_secret") || "";
var mode = params.get("mode") === "token" ? "token" : "accounts";
var parentOrigin = params.get("origin") || "";
history.replaceState(null, "", location.pathname);
var screen = document.getElementById("screen");
var state = { session: null, institutions: [], view: null, consented: false, selected: [], linked: null, query: "", oauthWindow: null, poll: null, finished: false };

function esc(s) { return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; }); }
function post(type, extra) {
  if (!parentOrigin || window.parent === window) return;
  var msg = { source: "stripe-emulator", type: type };
  for (var k in extra || {}) msg[k] = extra[k];
  window.parent.postMessage(msg, parentOrigin);
}
function api(action, body) {
  body = body || {};
  body.client_secret = secret;
  body.mode = mode;
  return fetch("/_emulator/modal/api/" + action, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    .then(function (r) { return r.json().then(function (j) { if (!r.ok) { var e = new Error(j.error && j.error.message || "Request failed"); e.status = r.status; throw e; } return j; }); });
}
// Stripe.js's onEvent: the page hears what happens in the modal (names and metadata as Stripe's).
function emit(name, metadata) { post("event", { event: { name: name, metadata: metadata || {} } }); }
function finish(result) {
  if (state.finished) return;
  state.finished = true;
  if (state.poll) clearInterval(state.poll);
  if (state.oauthWindow && !state.oauthWindow.closed) state.oauthWindow.close();
  post("result", { result: result });
}
function cancel() {
  if (state.linked) return finish(state.linked);
  api("cancel").then(function (j) { finish(j.result); }, function (e) {
    finish(mode === "token" ? { financialConnectionsSession: undefined, token: undefined, error: { type: "invalid_request_error", message: e.message } } : { financialConnectionsSession: undefined, error: { type: "invalid_request_error", message: e.message } });
  });
}
document.getElementById("close").addEventListener("click", cancel);
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape") { e.preventDefault(); cancel(); return; }
  if (e.key === "Tab") {
    // Keep focus inside the dialog.
    var f = Array.prototype.filter.call(document.querySelectorAll(".dialog button, .dialog input, .dialog [tabindex]"), function (el) { return !el.disabled && el.offsetParent !== null; });
    if (!f.length) return;
    // Move focus ourselves, wrapping at both ends: the browser's default would leave the iframe.
    e.preventDefault();
    var i = f.indexOf(document.activeElement);
    var next = e.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : (i === -1 || i === f.length - 1 ? 0 : i + 1);
    f[next].focus();
  }
});

function render(html, focusSel) {
  screen.innerHTML = html;
  var el = focusSel ? screen.querySelector(focusSel) : null;
  el = el || screen.querySelector("input, .btn.primary, .row, button");
  if (el) el.focus();
}
function banner(msg, kind) { return msg ? '<div class="banner ' + (kind || "error") + '" role="alert" data-testid="banner">' + esc(msg) + "</div>" : ""; }
function loading() { render('<div class="spinner" role="status" aria-label="Loading"></div>'); }
function handleError(e) { renderError(e.message); }

var DATA = { balances: "Account balances", ownership: "Account ownership details", payment_method: "Account and routing numbers", transactions: "Transactions" };

function renderConsent() {
  var items = state.session.permissions.map(function (p) { return "<li>" + esc(DATA[p] || p) + "</li>"; }).join("");
  render('<h1 id="title">' + esc(state.session.business_name) + " uses Stripe to link your accounts</h1>" +
    "<p>You'll be asked to share the following data from your accounts:</p>" +
    '<ul class="data" data-testid="consent-data">' + items + "</ul>" +
    '<p class="muted">Data is shared only for as long as you allow it. You can disconnect your accounts at any time.</p>' +
    '<div class="spacer"></div><button class="btn primary" type="button" data-testid="consent-agree">Agree and continue</button>');
  screen.querySelector("[data-testid=consent-agree]").onclick = function () { state.consented = true; renderInstitutions(); };
}

function renderInstitutions(error) {
  var q = state.query.toLowerCase();
  var rows = state.institutions.filter(function (i) { return !q || i.name.toLowerCase().indexOf(q) !== -1; }).map(function (i) {
    var down = i.down === "scheduled" || i.down === "unscheduled";
    return '<button class="row" type="button" data-institution="' + esc(i.id) + '" data-testid="institution"><span class="bank" aria-hidden="true">' + esc(i.name.charAt(0)) + '</span><span class="grow"><span class="name">' + esc(i.name) + '</span><br><span class="sub">' + esc(i.description) + "</span></span>" + (down ? '<span class="badge">Unavailable</span>' : "") + "</button>";
  }).join("");
  render('<h1 id="title">Select your bank</h1>' + banner(error) +
    '<label class="field" for="search">Search</label><input id="search" type="search" autocomplete="off" placeholder="Search for your bank" data-testid="institution-search" value="' + esc(state.query) + '">' +
    '<div class="list" data-testid="institution-list">' + (rows || '<p class="muted">No banks match your search.</p>') + "</div>", "#search");
  var search = screen.querySelector("#search");
  search.oninput = function () { state.query = search.value; var pos = search.selectionStart; renderInstitutions(); var s = screen.querySelector("#search"); s.setSelectionRange(pos, pos); };
  Array.prototype.forEach.call(screen.querySelectorAll("[data-institution]"), function (b) {
    b.onclick = function () { selectInstitution(b.getAttribute("data-institution"), b); };
  });
}

function selectInstitution(id, button) {
  // Open the OAuth popup inside the click so that the browser allows it.
  var inst = state.institutions.filter(function (i) { return i.id === id; })[0];
  var popup = null;
  if (inst && inst.auth === "oauth" && !state.session.return_url) popup = window.open("about:blank", "stripe-emulator-oauth", "width=480,height=640");
  loading();
  api("select", { institution: id }).then(function (v) {
    emit("institution_selected", { institution_name: inst ? inst.name : null });
    if (v.step === "down") { if (popup) popup.close(); return renderDown(v); }
    if (popup && v.oauth_url) { popup.location.href = v.oauth_url; state.oauthWindow = popup; }
    else if (popup) popup.close();
    show(v);
  }, handleError);
}

function renderDown(v) {
  emit("error", { error_code: v.error_code || "institution_unavailable", institution_name: v.institution.name });
  render('<h1 id="title">' + esc(v.institution.name) + " is unavailable</h1>" + banner(v.error) + '<div class="spacer"></div><button class="btn primary" type="button" data-testid="choose-another">Select another bank</button>');
  screen.querySelector("[data-testid=choose-another]").onclick = function () { renderInstitutions(); };
}

function renderError(msg) {
  render('<h1 id="title">Something went wrong</h1>' + banner(msg) + '<div class="spacer"></div><button class="btn primary" type="button" data-testid="choose-another">Try another bank</button><button class="btn secondary" type="button" data-testid="error-close">Close</button>');
  screen.querySelector("[data-testid=choose-another]").onclick = function () { loading(); api("back").then(function () { renderInstitutions(); }, function () { renderInstitutions(); }); };
  screen.querySelector("[data-testid=error-close]").onclick = cancel;
}

function show(v) {
  state.view = v;
  if (state.poll && v.step !== "needs_oauth") { clearInterval(state.poll); state.poll = null; }
  switch (v.step) {
    case "start": return renderInstitutions(v.error);
    case "needs_login": return renderLogin(v);
    case "needs_mfa": return renderPrompt(v, "mfa", "Enter the code we sent you", "Verification code", "one-time-code");
    case "needs_security_question": return renderPrompt(v, "security_question", v.question, "Answer", "off");
    case "needs_option": return renderOptions(v);
    case "needs_oauth": return renderOAuth(v);
    case "ready": return renderPicker(v);
    case "failed":
      emit("error", { error_code: v.error_code || "unexpected_error", institution_name: v.institution ? v.institution.name : null });
      return renderError(v.error);
  }
}

function renderLogin(v) {
  var hint = v.institution.id === "sandbox_bank_non_oauth" ? '<p class="muted">Test bank: any username and password sign in. Type <b>mfa</b>, <b>security_question</b>, <b>options</b>, <b>error</b> or <b>incorrect</b> to try other outcomes.</p>' : "";
  render('<h1 id="title">Sign in to ' + esc(v.institution.name) + "</h1>" + banner(v.error) + hint +
    '<form data-testid="login-form"><label class="field" for="u">Username</label><input id="u" type="text" autocomplete="username" data-testid="username">' +
    '<label class="field" for="pw">Password</label><input id="pw" type="password" autocomplete="current-password" data-testid="password">' +
    '<button class="btn primary" type="submit" data-testid="login-submit">Sign in</button></form>' +
    '<button class="btn secondary" type="button" data-testid="back">Back</button>');
  screen.querySelector("form").onsubmit = function (e) {
    e.preventDefault();
    var u = screen.querySelector("#u").value, p = screen.querySelector("#pw").value;
    loading();
    api("login", { username: u, password: p }).then(show, handleError);
  };
  screen.querySelector("[data-testid=back]").onclick = back;
}

function renderPrompt(v, action, title, label, ac) {
  render('<h1 id="title">' + esc(title) + "</h1>" + banner(v.error) +
    '<form data-testid="prompt-form"><label class="field" for="a">' + esc(label) + '</label><input id="a" type="text" autocomplete="' + ac + '" data-testid="prompt-input">' +
    '<button class="btn primary" type="submit" data-testid="prompt-submit">Continue</button></form>');
  screen.querySelector("form").onsubmit = function (e) {
    e.preventDefault();
    var a = screen.querySelector("#a").value;
    loading();
    api(action, { answer: a }).then(show, handleError);
  };
}

function renderOptions(v) {
  var rows = v.options.map(function (o, i) { return '<button class="row radio" type="button" data-option="' + i + '" data-testid="option"><span class="check"></span><span class="grow">' + esc(o) + "</span></button>"; }).join("");
  render('<h1 id="title">How should we verify it\'s you?</h1>' + banner(v.error) + '<div class="list">' + rows + "</div>");
  Array.prototype.forEach.call(screen.querySelectorAll("[data-option]"), function (b) {
    b.onclick = function () { loading(); api("option", { answer: b.textContent }).then(show, handleError); };
  });
}

function renderOAuth(v) {
  if (v.redirect) {
    render('<h1 id="title">Continue to ' + esc(v.institution.name) + '</h1><p>You will leave this page to sign in to your bank, and come back here afterwards.</p><div class="spacer"></div><button class="btn primary" type="button" data-testid="oauth-continue">Continue</button>');
    screen.querySelector("[data-testid=oauth-continue]").onclick = function () { post("redirect", { url: v.oauth_url }); };
  } else {
    render('<h1 id="title">Sign in to ' + esc(v.institution.name) + '</h1><p>A new window opened so you can sign in to your bank. Finish there to continue.</p><div class="spinner" role="status" aria-label="Waiting for your bank"></div><button class="btn secondary" type="button" data-testid="oauth-reopen">Reopen window</button><button class="btn secondary" type="button" data-testid="back">Back</button>');
    screen.querySelector("[data-testid=oauth-reopen]").onclick = function () { state.oauthWindow = window.open(v.oauth_url, "stripe-emulator-oauth", "width=480,height=640"); };
    screen.querySelector("[data-testid=back]").onclick = back;
    if (!state.poll) state.poll = setInterval(function () {
      api("status").then(function (s) { if (s.step !== "needs_oauth") { clearInterval(state.poll); state.poll = null; show(s); } }, function () {});
    }, 250);
  }
}

function back() {
  if (state.poll) { clearInterval(state.poll); state.poll = null; }
  loading();
  api("back").then(function () { renderInstitutions(); }, handleError);
}

function renderPicker(v, error) {
  var limit = state.session.limits.accounts;
  var single = limit === 1;
  var rows = v.accounts.map(function (a) {
    var sel = state.selected.indexOf(a.key) !== -1;
    var sub = a.subcategory.replace(/_/g, " ") + " \u2022\u2022\u2022\u2022 " + a.last4;
    return '<button class="row ' + (single ? "radio " : "") + (sel ? "selected " : "") + (a.selectable ? "" : "disabled") + '" type="button" role="' + (single ? "radio" : "checkbox") + '" aria-checked="' + sel + '" aria-disabled="' + !a.selectable + '" data-account="' + esc(a.key) + '" data-testid="account">' +
      '<span class="check" aria-hidden="true">' + (sel ? "\u2713" : "") + '</span><span class="grow"><span class="name">' + esc(a.display_name) + '</span><br><span class="sub">' + esc(sub) + "</span>" +
      (a.reason ? '<br><span class="badge">' + esc(a.reason) + "</span>" : "") + "</span></button>";
  }).join("");
  var n = state.selected.length;
  render('<h1 id="title">Select ' + (single ? "an account" : "accounts") + "</h1>" + banner(error) +
    '<p class="muted" data-testid="picker-hint">' + (single ? "Choose one account to link." : "Choose up to " + limit + " accounts to link.") + "</p>" +
    '<div class="list" role="' + (single ? "radiogroup" : "group") + '" aria-labelledby="title" data-testid="account-list">' + (rows || '<p class="muted">No eligible accounts at this bank.</p>') + "</div>" +
    '<div class="spacer"></div><button class="btn primary" type="button" data-testid="link-accounts"' + (n ? "" : " disabled") + ">" + (n > 1 ? "Link " + n + " accounts" : "Link account") + "</button>" +
    '<button class="btn secondary" type="button" data-testid="back">Back</button>', state.lastFocus);
  state.lastFocus = null;
  Array.prototype.forEach.call(screen.querySelectorAll("[data-account]"), function (b) {
    b.onclick = function () {
      if (b.getAttribute("aria-disabled") === "true") return;
      var key = b.getAttribute("data-account");
      var i = state.selected.indexOf(key);
      if (single) state.selected = [key];
      else if (i !== -1) state.selected.splice(i, 1);
      else if (state.selected.length < limit) state.selected.push(key);
      state.lastFocus = '[data-account="' + key + '"]';
      renderPicker(v);
    };
  });
  screen.querySelector("[data-testid=link-accounts]").onclick = function () {
    loading();
    api("link", { accounts: state.selected }).then(function (r) { state.linked = r.result; renderSuccess(r.result); }, function (e) { renderPicker(v, e.message); });
  };
  screen.querySelector("[data-testid=back]").onclick = function () { state.selected = []; back(); };
}

function renderSuccess(result) {
  var accts = result.financialConnectionsSession.accounts;
  var rows = accts.map(function (a) { return '<li>' + esc(a.display_name) + " \u2022\u2022\u2022\u2022 " + esc(a.last4) + "</li>"; }).join("");
  render('<div class="success" aria-hidden="true">\u2713</div><h1 id="title">Success</h1><p>' + (accts.length === 1 ? "Your account was" : "Your accounts were") + " connected to " + esc(state.session.business_name) + '.</p><ul class="data" data-testid="linked-accounts">' + rows + '</ul><div class="spacer"></div><button class="btn primary" type="button" data-testid="done">Done</button>');
  screen.querySelector("[data-testid=done]").onclick = function () { finish(result); };
  emit("success", {});
}

api("start").then(function (s) {
  state.session = s.session;
  state.institutions = s.institutions;
  document.getElementById("business").textContent = s.session.business_name;
  post("ready");
  // Coming back from an OAuth redirect: continue where the user left off.
  if (s.step !== "start") return show(s);
  renderConsent();
}, function (e) {
  post("ready");
  finish(mode === "token" ? { financialConnectionsSession: undefined, token: undefined, error: { type: "invalid_request_error", message: e.message } } : { financialConnectionsSession: undefined, error: { type: "invalid_request_error", message: e.message } });
});
})();
`;

export const OAUTH_JS = String.raw`(function () {
"use strict";
var q = new URLSearchParams(location.search);
var attempt = q.get("attempt") || "";
var redirect = q.get("redirect") === "1";
var screen = document.getElementById("screen");
function esc(s) { return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; }); }
function call(action, body) {
  body.attempt = attempt;
  return fetch("/_emulator/modal/api/" + action, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error && j.error.message || "failed"); return j; }); });
}
function decide(decision) {
  screen.innerHTML = '<div class="spinner" role="status" aria-label="Working"></div>';
  call("oauth_authorize", { decision: decision }).then(function (r) {
    if (redirect && r.return_url) { location.assign(r.return_url); return; }
    screen.innerHTML = '<h1>You can close this window</h1>';
    window.close();
  }, function (e) { screen.innerHTML = '<div class="banner error" role="alert">' + esc(e.message) + "</div>"; });
}
call("oauth_info", {}).then(function (info) {
  document.getElementById("inst").textContent = info.institution;
  screen.innerHTML = '<h1>Authorize access</h1><p>' + esc(info.institution) + ' (test mode) will share your account data with the app you came from.</p><div class="spacer"></div>' +
    '<button class="btn primary" type="button" data-testid="oauth-authorize">Authorize</button><button class="btn secondary" type="button" data-testid="oauth-cancel">Cancel</button>';
  screen.querySelector("[data-testid=oauth-authorize]").onclick = function () { decide("authorize"); };
  screen.querySelector("[data-testid=oauth-cancel]").onclick = function () { decide("cancel"); };
  screen.querySelector("[data-testid=oauth-authorize]").focus();
}, function (e) { screen.innerHTML = '<div class="banner error" role="alert">' + esc(e.message) + "</div>"; });
})();
`;
