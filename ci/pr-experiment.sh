#!/usr/bin/env bash
# Trains the pull request's small experiment with one checkout's CLI, for ci/pr-comparison.sh:
#
#   ci/pr-experiment.sh CHECKOUT OUT_DIR [EXPERIMENT]     (default experiment: ci/pr-experiment.yaml of this script's
#                                                          repository, so base and head train the same file)
#
# CHECKOUT is a checkout of the code to measure (the base or the head); its ./convbench trains. OUT_DIR ends up
# holding the runs and results.json; a base too old to write results.json gets one from this repository's CLI
# (`convbench report`). Runs that fail or diverge (exit 3) are left for the comparison to show; any other failure
# stops here. Works the same on a developer machine, e.g. with two git worktrees.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 CHECKOUT OUT_DIR [EXPERIMENT]" >&2
  exit 2
fi
checkout="$(cd "$1" && pwd)"
out="$2"
experiment="$(cd "$(dirname "${3:-$repo/ci/pr-experiment.yaml}")" && pwd)/$(basename "${3:-$repo/ci/pr-experiment.yaml}")"
[[ -x "$checkout/convbench" ]] || { echo "pr-experiment: $checkout/convbench: no launcher in that checkout" >&2; exit 2; }

status=0
"$checkout/convbench" run "$experiment" --out "$out" --no-report || status=$?
if [[ $status -ne 0 && $status -ne 3 ]]; then
  echo "pr-experiment: training with $checkout failed (exit $status)" >&2
  exit "$status"
fi
if [[ ! -f "$out/results.json" ]]; then
  "${CONVBENCH_LAUNCHER:-$repo/convbench}" report "$out" --out "$out/report" > /dev/null
  cp "$out/report/results.json" "$out/results.json"
fi
echo "pr-experiment: $out/results.json ($(basename "$checkout"))" >&2
