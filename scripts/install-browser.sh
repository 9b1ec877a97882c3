#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver for the dashboard's browser tests (infra/standalone,
# DashboardBrowserTest). Idempotent: when both binaries are there, it changes nothing. The tests use exactly these
# paths, so Selenium never downloads a browser or a driver of its own.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    echo "install-browser: chromium and chromedriver already installed"
else
    SUDO=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "install-browser: not root and no sudo: install chromium and chromium-driver yourself" >&2
            exit 1
        fi
        SUDO=(sudo)
    fi
    echo "install-browser: installing chromium and chromium-driver (Debian packages)"
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

"$CHROMIUM" --version
"$CHROMEDRIVER" --version
