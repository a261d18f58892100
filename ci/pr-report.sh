#!/usr/bin/env bash
# Compares a pull request's base and head results (ci/pr-comparison.sh) and shows the comparison where GitHub
# readers look: the job summary and one comment on the pull request, updated on every push rather than added again.
#
#   ci/pr-report.sh BASE_RESULTS HEAD_RESULTS OUT_DIR [compare options…, e.g. --fail-on accuracy-drop=2pp]
#
# Writes OUT_DIR/comparison.md. In GitHub Actions: appends it to $GITHUB_STEP_SUMMARY and, with GH_TOKEN,
# PR_NUMBER and GITHUB_REPOSITORY set and the gh CLI present, posts it as a comment or updates the comment a previous
# run posted (found by a marker line). A comment that cannot be posted (a fork's read-only token) is a warning. On a
# developer machine, without those variables, the Markdown goes to standard output. Exit status: ci/pr-comparison.sh's
# (4: a gate failed), after the Markdown is shown.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 3 ]]; then
  echo "usage: $0 BASE_RESULTS HEAD_RESULTS OUT_DIR [compare options…]" >&2
  exit 2
fi
base="$1" head="$2" out="$3"
shift 3
marker="<!-- convbench-comparison -->"

status=0
bash "$here/pr-comparison.sh" "$base" "$head" "$out" "$@" || status=$?
markdown="$out/comparison.md"
if [[ ! -f "$markdown" ]]; then
  echo "pr-report: ci/pr-comparison.sh wrote no $markdown (exit $status)" >&2
  exit $((status == 0 ? 1 : status))
fi

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$markdown" >> "$GITHUB_STEP_SUMMARY"
else
  cat "$markdown"
fi

if [[ -n "${GH_TOKEN:-}" && -n "${PR_NUMBER:-}" && -n "${GITHUB_REPOSITORY:-}" ]] && command -v gh > /dev/null; then
  body="$out/comment.md"
  { echo "$marker"; cat "$markdown"; } > "$body"
  existing="$(gh api "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" --paginate \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" 2> /dev/null | head -n 1 || true)"
  if [[ -n "$existing" ]]; then
    gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" > /dev/null \
      || echo "::warning::pr-report: could not update comment $existing on pull request #$PR_NUMBER" >&2
  else
    gh api "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body" > /dev/null \
      || echo "::warning::pr-report: could not comment on pull request #$PR_NUMBER (a fork's token is read-only)" >&2
  fi
fi
exit "$status"
