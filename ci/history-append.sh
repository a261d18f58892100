#!/usr/bin/env bash
# Adds this commit's results to a history directory: times the yardstick on this machine, then writes one entry
# file with `convbench history add` (HISTORY_DIR/<experiment>/<UTC time>-<short commit>.json).
#
#   ci/history-append.sh HISTORY_DIR RESULTS_DIR
#
# RESULTS_DIR is what `convbench run` wrote (its results.json is read). The yardstick is a fixed `convbench bench`
# measurement (baseline-cnn, batch 64, 30 steps after 5 warm-up, fp32, random images) run here, in the same job as
# the experiment, so that each cell's speed is also stored as a ratio to it: CI machines differ from run to run.
#
# Environment (each optional):
#   CONVBENCH_COMMIT        the commit's hash (default: git rev-parse HEAD)
#   CONVBENCH_COMMIT_LABEL  a label shown with it on the trend page (e.g. a tag, or "made-up hash" in tests)
#   CONVBENCH_BRANCH        the branch (default: $GITHUB_REF_NAME, else git's current branch)
#   CONVBENCH_COMMIT_TIME   the commit's ISO-8601 time (default: git show -s --format=%cI of the commit, if known)
#   CONVBENCH_LAUNCHER      the CLI (default: ./convbench of this repository)
# Works the same on a developer machine; exit status is convbench's (2: bad input, one line on standard error).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="${CONVBENCH_LAUNCHER:-$repo/convbench}"
if [[ $# -ne 2 ]]; then
  echo "usage: $0 HISTORY_DIR RESULTS_DIR" >&2
  exit 2
fi
history_dir="$1"
results="$2"
[[ -f "$results/results.json" ]] || { echo "history-append: $results/results.json: no such file (run the experiment first)" >&2; exit 2; }

commit="${CONVBENCH_COMMIT:-$(git -C "$repo" rev-parse HEAD)}"
branch="${CONVBENCH_BRANCH:-${GITHUB_REF_NAME:-$(git -C "$repo" rev-parse --abbrev-ref HEAD 2> /dev/null || true)}}"
commit_time="${CONVBENCH_COMMIT_TIME:-$(git -C "$repo" show -s --format=%cI "$commit" 2> /dev/null || true)}"

# The yardstick: fixed on purpose. Changing any of these makes old and new ratios incomparable.
yardstick="$(mktemp "${TMPDIR:-/tmp}/convbench-yardstick.XXXXXX.json")"
trap 'rm -f "$yardstick"' EXIT
"$launcher" bench baseline-cnn --batch-size 64 --steps 30 --warmup 5 --precision fp32 --out "$yardstick" >&2

args=(history add "$history_dir" --summary "$results/results.json" --commit "$commit" --yardstick "$yardstick")
[[ -n "$branch" && "$branch" != HEAD ]] && args+=(--branch "$branch")
[[ -n "$commit_time" ]] && args+=(--commit-time "$commit_time")
[[ -n "${CONVBENCH_COMMIT_LABEL:-}" ]] && args+=(--label "$CONVBENCH_COMMIT_LABEL")
entry="$("$launcher" "${args[@]}")"
echo "history-append: $entry" >&2
echo "$entry"
