#!/usr/bin/env bash
# Regenerates a published example report, reports/examples/NAME/, from a real run of experiments/NAME.yaml:
#   ci/regenerate-example-report.sh [NAME]     (default why-skip-connections-cpu, ~15 minutes on 2 CPU cores;
#                                               mixed-precision ~10 minutes)
# Uses CIFAR10_DIR when set (with ../shared/data/cifar-10-subset-bin as the fallback when it exists, which is a
# partial CIFAR-10: the report says so), else the user cache. Takes a screenshot with headless Chromium when installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
partial=()
if [[ -z "${CIFAR10_DIR:-}" && -d ../shared/data/cifar-10-subset-bin ]]; then
  CIFAR10_DIR="$(cd ../shared/data/cifar-10-subset-bin && pwd)"
  export CIFAR10_DIR
fi
if [[ -n "${CIFAR10_DIR:-}" ]]; then
  partial=(--allow-partial-data)
fi
name="${1:-why-skip-connections-cpu}"
out="results/$name"
rm -rf "$out"
status=0
./convbench run "experiments/$name.yaml" --out "$out" ${partial[@]+"${partial[@]}"} || status=$?
if [[ $status -ne 0 && $status -ne 3 ]]; then
  exit "$status"
fi
target="reports/examples/$name"
rm -rf "$target"
mkdir -p "$target"
# Rendered again beside its results.json, which the report's footer links.
./convbench report "$out" --out "$target" >/dev/null
cp "$out/experiment.yaml" "$target/experiment.yaml"
if command -v chromium > /dev/null 2>&1; then
  bash ci/browser-check.sh "$target/index.html" "$target/screenshot.png"
fi
echo "published: $target/index.html"
