import { env, InvalidEnvironmentError } from "@/lib/env";

/** Parses the settings; on a problem prints what is wrong, by variable name, and exits. */
export function assertValidEnvironment(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
