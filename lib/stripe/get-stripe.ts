// Browser side. One Stripe.js instance per page. `@stripe/stripe-js/pure` loads nothing until
// asked, so when STRIPE_JS_URL is configured (the emulator) that script is on the page first
// and loadStripe picks up its window.Stripe; otherwise loadStripe loads Stripe's own.
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

let stripePromise: Promise<Stripe | null> | undefined;

function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector<HTMLScriptElement>(`script[src="${CSS.escape(src)}"]`);
    if (existing && "Stripe" in window) return resolve();
    const script = existing ?? Object.assign(document.createElement("script"), { src, async: true });
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => reject(new Error(`Could not load Stripe.js from ${src}`)), { once: true });
    if (!existing) document.head.appendChild(script);
  });
}

export function getStripe(publishableKey: string, scriptUrl?: string | null): Promise<Stripe | null> {
  stripePromise ??= (async () => {
    if (scriptUrl) await injectScript(scriptUrl);
    return loadStripe(publishableKey);
  })().catch((error: unknown) => {
    stripePromise = undefined; // let a retry load it again
    throw error;
  });
  return stripePromise;
}
