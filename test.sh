#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET 10 SDK.
# Installs the real tools the tests drive (when missing), then runs `dotnet test`
# and prints one closing summary line. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# --- real tools the tests use -------------------------------------------------
apt_missing=()
need_apt() { # need_apt COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2")
}
need_apt chromium chromium
need_apt node nodejs
need_apt npm npm
need_apt prometheus prometheus
need_apt kcat kcat
/usr/bin/python3 -c 'import grpc, google.protobuf' >/dev/null 2>&1 || apt_missing+=(python3-grpcio python3-protobuf)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p /var/tmp/apt-tmp
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  TMPDIR=/var/tmp/apt-tmp $SUDO apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi
# kubectl has no Debian package here; the machine image ships it. Tests that need it fail
# (never skip) when it is absent, so say so up front.
command -v kubectl >/dev/null 2>&1 || echo "test.sh: WARNING: kubectl not found; the kubectl suites will fail" >&2

# The dashboard's browser check drives chromium with npm's playwright-core (no browser download).
browser_check=tests/Silo.Tests/Dashboard/Browser
if [ ! -d "$browser_check/node_modules/playwright-core" ]; then
  echo "test.sh: npm ci in $browser_check"
  (cd "$browser_check" && npm ci --no-audit --no-fund >/dev/null)
fi

# --- build and test ------------------------------------------------------------
log=$(mktemp)
set +e
dotnet test Actors.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies: "Total: N passed, N failed, N skipped".
# VSTest prints per assembly "Total tests: N" then "Passed: N" / "Failed: N" / "Skipped: N".
awk '
  /^Total tests:/       { runs++ }
  /^[ \t]+Passed: [0-9]+/  { p += $2 }
  /^[ \t]+Failed: [0-9]+/  { f += $2 }
  /^[ \t]+Skipped: [0-9]+/ { s += $2 }
  END { printf "Total: %d passed, %d failed, %d skipped (%d test assemblies)\n", p, f, s, runs }
' "$log"
if [ "$status" -ne 0 ]; then
  echo "test.sh: FAILED (dotnet test exit code $status; see the errors above)" >&2
fi
rm -f "$log"
exit "$status"
