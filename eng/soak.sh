#!/usr/bin/env bash
# Soak: the reliability and end-to-end tests, bigger and repeated, without coverage instrumentation (which
# slows the broker processes), printing the figures each round measured. Not part of CI; see docs/RELIABILITY.md.
#
# Usage: eng/soak.sh [rounds] [scale]
#   rounds  how many times to run both test projects (default 3)
#   scale   SLM_MESH_TEST_SCALE: multiplies trials, floods, fuzz cases and peers (default 10)
# Environment: SLM_MESH_RECOVERY_BOUND_MS (default here 1000: SPEC §4's "within a second").
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
export SLM_MESH_TEST_SCALE=${2:-10}
export SLM_MESH_RECOVERY_BOUND_MS=${SLM_MESH_RECOVERY_BOUND_MS:-1000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/soak.runsettings" <<'SETTINGS'
<?xml version="1.0" encoding="utf-8"?>
<RunSettings>
  <RunConfiguration><TestSessionTimeout>14400000</TestSessionTimeout></RunConfiguration>
</RunSettings>
SETTINGS

for project in SlmMesh.Reliability.Tests SlmMesh.EndToEnd.Tests; do
  dotnet build -c Release "tests/$project" -nologo -v q || exit 1
done
failures=0
for round in $(seq 1 "$rounds"); do
  for project in SlmMesh.Reliability.Tests SlmMesh.EndToEnd.Tests; do
    log="$work/$project.$round.log"
    started=$(date +%s)
    dotnet test -c Release --no-build "tests/$project" --settings "$work/soak.runsettings" \
      --logger "console;verbosity=detailed" > "$log" 2>&1
    status=$?
    summary=$(grep -E '^\s*(Total tests|Passed|Failed|Skipped): ' "$log" | tr -s ' ' | tr '\n' ' ')
    echo "round $round $project: exit $status in $(( $(date +%s) - started )) s: $summary"
    # The figures the tests print (latency, memory, recovery times, fuzz outcomes).
    grep -E 're-registered|latency|broker memory|garbage connections|cases:|released .* after|round trips|were accepted|left .* behind|exited .* after' "$log" \
      | sed -E 's/^\[xUnit[^]]*\] +//; s/^ +//' | sort -u | sed 's/^/    /'
    if [ "$status" -ne 0 ]; then
      failures=$((failures + 1))
      grep -E '^\s+Failed |Error Message' -A3 "$log" | sed 's/^/    /' | head -40
    fi
  done
done
echo "soak: $rounds rounds at scale $SLM_MESH_TEST_SCALE, $failures failed runs"
exit $(( failures > 0 ))
