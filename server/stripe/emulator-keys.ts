// The Stripe emulator's keys (emulator/): public in this source, so they sign nothing that
// matters. The app refuses them in production unless the deployment says it is a test one.
export const EMULATOR_KEYS = {
  STRIPE_SECRET_KEY: "sk_test_emulator_local",
  STRIPE_PUBLISHABLE_KEY: "pk_test_emulator_local",
  STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret",
} as const;
