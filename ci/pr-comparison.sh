#!/usr/bin/env bash
# Compares a pull request's results with its base branch's and gates the pull request on the comparison:
#
#   ci/pr-comparison.sh BASE_RESULTS HEAD_RESULTS OUT_DIR [compare options…]
#   e.g. ci/pr-comparison.sh base/results head/results comparison --fail-on accuracy-drop=1pp --fail-on step-time=+10%
#
# BASE_RESULTS and HEAD_RESULTS are each a results.json, or a results or report directory (see "convbench compare").
# Runs "convbench compare BASE_RESULTS HEAD_RESULTS --out OUT_DIR [compare options…]" through the repository's
# launcher, which writes OUT_DIR/comparison.md (GitHub-flavoured Markdown: append it to $GITHUB_STEP_SUMMARY or post
# it as a pull-request comment) and OUT_DIR/comparison.json, prints the table and the verdict, and exits with
# compare's exit code: 0 (no gate failed), 4 (a gate failed), 2 (bad input), 1 (runtime failure).
# Needs no GitHub variable: it runs the same on a developer machine. When GITHUB_STEP_SUMMARY is set, the Markdown is
# also appended there.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 3 ]]; then
  echo "usage: $0 BASE_RESULTS HEAD_RESULTS OUT_DIR [compare options…]" >&2
  exit 2
fi
base="$1"
head="$2"
out="$3"
shift 3
# A comparison left from an earlier call must not pass for this one's when this one fails before writing.
rm -f "$out/comparison.md" "$out/comparison.json"

"$repo/convbench" compare "$base" "$head" --out "$out" "$@"
status=$?

if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$out/comparison.md" ]]; then
  cat "$out/comparison.md" >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
