#!/usr/bin/env bash
# Headless Chromium for the browser tests (Debian's package; Playwright drives it through
# executable_path=/usr/bin/chromium, so `playwright install` is never needed).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-chromium: need root or sudo for apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium
[ -x /usr/bin/chromium ]
