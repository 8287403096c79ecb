// Makes sure the end-to-end tests have a Chromium: PLAYWRIGHT_CHROMIUM_PATH, a `chromium` on
// PATH, or Playwright's own. When none is there it installs one: Debian's package when
// running as root with apt-get (offline machines reach Debian's mirror), else Playwright's.
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

function playwrightHasChromium() {
  try {
    const out = execSync(`node -e "console.log(require('playwright-core').chromium.executablePath())"`, { stdio: ["ignore", "pipe", "ignore"] });
    return existsSync(out.toString().trim());
  } catch {
    return false;
  }
}

if (process.env.PLAYWRIGHT_CHROMIUM_PATH || has("chromium") || has("chromium-browser") || playwrightHasChromium()) {
  process.exit(0);
}
if (process.getuid?.() === 0 && has("apt-get")) {
  console.log("Installing Debian's chromium for the end-to-end tests…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
} else {
  console.log("Installing Playwright's Chromium for the end-to-end tests…");
  execSync("npx playwright install chromium", { stdio: "inherit" });
}
