#!/usr/bin/env bash
# Everything from a fresh machine to a full test run: Chromium (when missing), dependencies, then
# type-check, lint, unit tests, the Chrome and Firefox builds and the end-to-end tests.
# Set CHROMIUM_PATH to use a Chrome or Chromium that is already installed elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "Chromium not found at $CHROMIUM_PATH: installing Debian's chromium package"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM_PATH" --version

npm ci --no-audit --no-fund
npm test
