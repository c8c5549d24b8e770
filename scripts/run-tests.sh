#!/usr/bin/env bash
# Runs pytest offscreen and turns "no tests collected" (exit 5) into a loud failure, so an
# empty run is never mistaken for a green one.
set -uo pipefail
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "error: pytest collected no tests; treating the run as failed" >&2
  exit 1
fi
exit $rc
