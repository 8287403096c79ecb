// Runs once when the server starts: a bad configuration stops it here with a message
// naming the variable, instead of failing later on some request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertValidEnvironment } = await import("./lib/startup/assert-valid-environment");
    assertValidEnvironment();
  }
}
