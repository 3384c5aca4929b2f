#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run them: the README's test command.
#   scripts/test.sh [pytest arguments]
# Chromium (Debian's package) is for the browser tests; in CI its absence is an error.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is not installed: the browser tests will be skipped (sudo apt-get install chromium)" >&2
    fi
fi
[ -n "${CI:-}" ] && export USCN_REQUIRE_BROWSER=1
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
