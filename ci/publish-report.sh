#!/usr/bin/env bash
# Runs the tests, trains the quickstart experiment and puts its HTML report into a directory for GitHub Pages.
#
#   ci/publish-report.sh [PUBLISH_DIR]     (default: public)
#
# Used by ci/github-actions.yml; works the same on a developer machine. CIFAR-10 is downloaded on first use into
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
rm -rf "$publish_dir"
mkdir -p "$publish_dir"
# The whole report directory, not only index.html, in case it links charts or other files next to it.
cp -R "$report/." "$publish_dir/"
echo "publish-report: report in $publish_dir/index.html"
