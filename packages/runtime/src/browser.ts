import { accessSync, constants } from 'node:fs';

/** Where Chrome or Chromium usually lives, most common first (Debian/Ubuntu, Fedora, snap, macOS). */
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const BROWSER_HELP =
  'no Chromium found: install it (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: brew install --cask chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser V&R's adapter drives: PUPPETEER_EXECUTABLE_PATH when it is set (even if it is
 * wrong, so the error names it), else the first system path that holds an executable, else null.
 * We install no browser of our own (puppeteer-core): the machine's package manager keeps it patched.
 */
export function findBrowser(explicit?: string, candidates: string[] = SYSTEM_PATHS): string | null {
  if (explicit) return explicit;
  return candidates.find(executable) ?? null;
}
