#!/usr/bin/env bash
# The Debian packages the test suite needs beyond Python: Java (runs the Nu Html Checker), npm
# (installs the checker and axe-core from the npm registry) and Chromium (the browser tests drive
# it through Playwright; Playwright's own browser download is not used) and faketime (the suite
# runs again with the clock moved ahead, so no test depends on the day it runs). Installs what is missing when it can (root
# with apt-get); otherwise says exactly which command to run, and fails.
set -euo pipefail

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
