// Admission control: a bounded number of linking requests in flight, the rest in line, and a
// clear "come back" once the line is long.
import { expect, it } from "vitest";
import { admit } from "./admission";

it("runs at most twelve of a kind at once and the rest in order as slots free up", async () => {
  let inFlight = 0;
  let most = 0;
  const finished: number[] = [];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      admit("test-order", async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        finished.push(i);
      }),
    ),
  );
  expect(most).toBe(12);
  expect(finished).toHaveLength(40);
  expect(finished.slice(12)).toEqual([...finished.slice(12)].sort((a, b) => a - b));
});

it("refuses with a retryable 'unavailable' once 500 wait, and admits again when the line shrinks", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const waiting = Array.from({ length: 12 + 500 }, () => admit("test-full", () => gate));
  await expect(admit("test-full", async () => "late")).rejects.toMatchObject({ kind: "unavailable", retryable: true, retryAfterSeconds: 5 });
  // Another kind has its own line.
  await expect(admit("test-other", async () => "other")).resolves.toBe("other");
  release();
  await Promise.all(waiting);
  await expect(admit("test-full", async () => "again")).resolves.toBe("again");
});
