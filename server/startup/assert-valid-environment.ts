import { env, InvalidEnvironmentError } from "@/server/env";
import { logger } from "@/server/log/logger";

/** Parses the settings; on a problem prints what is wrong, by variable name, and exits. */
export function assertValidEnvironment(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      // One line naming every bad variable; the logger writes synchronously, so it is out before the exit.
      logger("startup").fatal({ problems: error.problems }, `Invalid configuration: ${error.problems.join("; ")}`);
      process.exit(1);
    }
    throw error;
  }
}
