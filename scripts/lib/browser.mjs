// Headless Chromium for the site build (figure PNGs) and the browser tests, driven by playwright-core.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** Debian's Chromium, or the one named by OPTIMLAB_CHROMIUM; null when there is none. */
export function chromiumPath() {
  const candidates = [process.env.OPTIMLAB_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Launches headless Chromium with the flags this offline machine needs. */
export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no Chromium found: install Debian's `chromium` or set OPTIMLAB_CHROMIUM");
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}
