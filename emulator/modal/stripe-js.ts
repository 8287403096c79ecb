// The Stripe.js stand-in served at /v3/stripe.js. It defines window.Stripe the way Stripe.js does
// (a plain callable with `version`), so `loadStripe` from @stripe/stripe-js picks it up unchanged.
// The modal runs in an iframe from the emulator's origin; results come back by postMessage and
// are accepted only from that iframe and origin.
import { releaseTrain } from "./release-train.js";

export function stripeJsSource(fallbackOrigin: string): string {
  return `/* Stripe emulator: Stripe.js stand-in (not Stripe.js) */
(function () {
  "use strict";
  if (window.Stripe && window.Stripe.__emulator) return;
  var script = document.currentScript;
  var ORIGIN = new URL((script && script.src) || ${JSON.stringify(fallbackOrigin + "/v3/stripe.js")}).origin;
  var open = null;
  var CLOSE_MS = 200;

  function integrationError(message) {
    var e = new Error(message);
    e.name = "IntegrationError";
    return e;
  }

  function launch(options, mode, method) {
    if (!options || typeof options !== "object") throw integrationError("Invalid value for " + method + ": options should be an object. You specified: " + typeof options + ".");
    if (typeof options.clientSecret !== "string" || options.clientSecret === "") throw integrationError("Invalid value for " + method + ": clientSecret should be a string. You specified: " + typeof options.clientSecret + ".");
    if (open) return Promise.resolve(failure(mode, "Another Financial Connections flow is already open."));
    return new Promise(function (resolve) {
      var frame = document.createElement("iframe");
      var hash = new URLSearchParams({ client_secret: options.clientSecret, mode: mode, origin: window.location.origin });
      frame.src = ORIGIN + "/_emulator/modal#" + hash.toString();
      frame.title = "Link your bank account";
      frame.setAttribute("data-stripe-emulator", "modal");
      frame.setAttribute("allow", "clipboard-write");
      frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0;margin:0;padding:0;z-index:2147483647;background:transparent;color-scheme:normal;";
      // Everything else on the page becomes inert while the modal is open, so focus stays inside.
      var made = [];
      Array.prototype.forEach.call(document.body.children, function (el) {
        if (!el.inert) { el.inert = true; made.push(el); }
      });
      var previous = document.activeElement;
      function done(result) {
        window.removeEventListener("message", onMessage);
        // Fade out, as Stripe's modal does, and only then remove the iframe and settle. Removing it
        // inside the click that closed it detaches the frame while that click is still being
        // delivered, which leaves browser automation waiting on a frame that no longer exists.
        var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        frame.style.pointerEvents = "none";
        if (!reduced) { frame.style.transition = "opacity " + CLOSE_MS + "ms ease-out"; frame.style.opacity = "0"; }
        setTimeout(function () {
          made.forEach(function (el) { el.inert = false; });
          if (frame.parentNode) frame.parentNode.removeChild(frame);
          open = null;
          if (previous && previous.focus) try { previous.focus(); } catch (e) {}
          resolve(result);
        }, CLOSE_MS);
      }
      function onMessage(e) {
        if (e.origin !== ORIGIN || e.source !== frame.contentWindow) return;
        var d = e.data;
        if (!d || d.source !== "stripe-emulator") return;
        if (d.type === "ready") { frame.focus(); if (frame.contentWindow) frame.contentWindow.focus(); return; }
        if (d.type === "redirect" && typeof d.url === "string" && d.url.indexOf(ORIGIN + "/") === 0) { window.location.assign(d.url); return; }
        if (d.type === "event" && d.event && typeof options.onEvent === "function") {
          try { options.onEvent({ name: String(d.event.name), metadata: d.event.metadata || {} }); } catch (err) { setTimeout(function () { throw err; }); }
          return;
        }
        if (d.type === "result") done(d.result);
      }
      window.addEventListener("message", onMessage);
      open = frame;
      // A cross-origin iframe may not take focus by itself: the page hands it over.
      frame.addEventListener("load", function () { frame.focus(); });
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      document.body.appendChild(frame);
      frame.focus();
    });
  }

  function failure(mode, message) {
    var r = { financialConnectionsSession: undefined, error: { type: "invalid_request_error", message: message } };
    if (mode === "token") r.token = undefined;
    return r;
  }

  // Payments are outside the emulator's scope, but @stripe/react-stripe-js's <Elements> only
  // accepts an object that has these methods, as real Stripe.js instances do.
  function unsupported(name) {
    return function () {
      return Promise.reject(integrationError("stripe." + name + "() is not supported by the Stripe emulator (Financial Connections only)."));
    };
  }

  function Stripe(key, opts) {
    if (typeof key !== "string") throw integrationError("Invalid value for Stripe(): apiKey should be a string. You specified: " + typeof key + ".");
    if (/^(sk|rk)_/.test(key)) throw integrationError("You should not use your secret key with Stripe.js. Please pass a publishable key instead.");
    if (!/^pk_(test|live)_/.test(key)) throw integrationError("Invalid value for Stripe(): apiKey should be a publishable key (pk_test_… or pk_live_…).");
    return {
      collectFinancialConnectionsAccounts: function (o) { return launch(o, "accounts", "collectFinancialConnectionsAccounts"); },
      collectBankAccountToken: function (o) { return launch(o, "token", "collectBankAccountToken"); },
      elements: function () {
        return { create: function () { throw integrationError("Elements are not supported by the Stripe emulator."); }, getElement: function () { return null; }, update: function () {}, fetchUpdates: unsupported("elements.fetchUpdates"), submit: unsupported("elements.submit") };
      },
      createToken: unsupported("createToken"),
      createPaymentMethod: unsupported("createPaymentMethod"),
      confirmCardPayment: unsupported("confirmCardPayment"),
      _registerWrapper: function () {},
      _emulator: true,
      _key: key,
      _options: opts || {}
    };
  }
  Stripe.version = ${JSON.stringify(releaseTrain())};
  Stripe.__emulator = true;
  window.Stripe = Stripe;
})();
`;
}
