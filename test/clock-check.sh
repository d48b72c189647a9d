#!/usr/bin/env bash
# The clock check: the unit, protocol and CLI tests pass with the clock two years ahead, at 23:59 local time in a
# zone eleven hours behind UTC (so the local date is not the UTC date). A test that reads today's date or the time zone
# instead of passing them in fails here. Needs libfaketime (Debian package `faketime`; .ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then echo "clock check: faketime is not installed" >&2; exit 1; fi
  echo "clock check: skipped, faketime is not installed (apt-get install -y faketime)"
  exit 0
fi
when="$(date -u -d '+2 years' +%F) 23:59:00"
echo "clock check: running the tests at ${when} Pacific/Pago_Pago (UTC-11)"
TZ=Pacific/Pago_Pago faketime "$when" npx mocha --no-config -n import=tsx --extension ts --timeout 30000 \
  --require test/helpers/freshBuild.ts --reporter dot --exit \
  'test/unit/**/*.test.ts' 'test/lsp/**/*.test.ts' 'test/cli/**/*.test.ts'
