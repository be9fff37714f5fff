#!/usr/bin/env bash
# The portal's browser tests drive Debian's Chromium (never a browser a test tool downloads). Installs it when it is
# missing and we are root (CI, a fresh machine); otherwise says what to run.
set -euo pipefail
chromium="${1:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium for the portal's browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium fonts-noto-cjk >&2 \
    || { apt-get update -qq >&2 && apt-get install -y -qq chromium fonts-noto-cjk >&2; }
  [ -x "$chromium" ] && exit 0
fi
echo "ensure-chromium: the portal's browser tests need Chromium at $chromium: sudo apt-get install chromium fonts-noto-cjk" >&2
exit 1
