#!/usr/bin/env bash
# Everything from a fresh machine to a full test run: Chromium with its other UI languages and
# Firefox ESR (when missing), dependencies, then type-check, lint, unit tests, the Chrome and
# Firefox builds and the end-to-end tests in both browsers. Set CHROMIUM_PATH or FIREFOX_PATH to
# use a browser installed elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export FIREFOX_PATH="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
missing=()
[ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
[ -x "$FIREFOX_PATH" ] || missing+=(firefox-esr)
# Debian's chromium carries only its English UI; the language tests (test/e2e/languages.spec.ts)
# start it in German and Japanese, which needs the other locales (without them Chromium and
# omni-ai stay English).
if [ "$CHROMIUM_PATH" = /usr/bin/chromium ] && [ ! -f /usr/lib/chromium/locales/de.pak ]; then missing+=(chromium-l10n); fi
# The same for Firefox ESR's German language pack (test/e2e-firefox/languages.spec.ts).
if [ "$FIREFOX_PATH" = /usr/bin/firefox-esr ] && ! ls /usr/lib/firefox-esr/browser/extensions/langpack-de@* >/dev/null 2>&1; then missing+=(firefox-esr-l10n-de); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
"$CHROMIUM_PATH" --version
"$FIREFOX_PATH" --version

npm ci --no-audit --no-fund
npm test
