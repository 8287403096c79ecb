import { Prisma } from "@/server/db/generated/prisma/client";

export function isUniqueConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Runs `write` again when it lost a race on a unique key. Prisma's upsert reads before it
 * inserts, so two concurrent upserts of one new row can both try to insert; the loser's
 * second run finds the winner's row and updates it instead.
 */
export async function retryOnUniqueConflict<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isUniqueConflict(error)) throw error;
    }
  }
}
