#!/usr/bin/env bash
# Runs the tests, trains the quickstart experiment into results/ci and builds the site from it (ci/publish-site.sh:
# an index page and the report in PUBLISH_DIR/report/).
#
#   ci/publish-report.sh [PUBLISH_DIR]     (default: public)
#
# Used by ci/github-actions.yml, which on main then adds the history (ci/history-append.sh) and builds the site again
# with it; works the same on a developer machine. CIFAR-10 is downloaded on first use into
# ~/.cache/convbench (or $XDG_CACHE_HOME/convbench), unless CIFAR10_DIR points at a copy.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
publish_dir="${1:-public}"
results=results/ci

mvn -B verify

# A fresh output directory, so the published report shows this commit's run only.
rm -rf "$results"
./convbench run experiments/quickstart.yaml --out "$results"

report="$results/report"
[[ -f "$report/index.html" ]] || { echo "publish-report: $report/index.html was not written" >&2; exit 1; }
bash ci/publish-site.sh "$publish_dir" "$results"
echo "publish-report: report in $publish_dir/report/index.html"
