// The npm scripts as a user runs them: exit codes and what they print.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const tsx = path.resolve("node_modules/.bin/tsx");
  return new Promise((resolve) => {
    execFile(tsx, [path.join("scripts/db", script), ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.concurrent("db scripts", () => {
  it("db:check agrees with the committed schema and migrations, without any database", async () => {
    const run = await runScript("check.ts", [], { DATABASE_URL: undefined });
    expect(run).toMatchObject({ code: 0, stdout: "schema and migrations agree\n" });
  });

  it("db:migrate finds this file's database up to date", async () => {
    const run = await runScript("migrate.ts", [], { DATABASE_URL: process.env.DATABASE_URL });
    expect(run).toMatchObject({ code: 0, stdout: "database is up to date\n", stderr: "" });
  });

  it("db:migrate fails with exit 1 and one line when the database is unreachable", async () => {
    const run = await runScript("migrate.ts", [], { DATABASE_URL: "postgresql://postgres:pw@127.0.0.1:1/app" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "db:migrate: cannot connect to PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)\n",
    );
  });

  it("db:migrate:create asks for a name", async () => {
    const run = await runScript("create-migration.ts", [], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^db:migrate:create: give the migration a name/);
  });
});
