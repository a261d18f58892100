#!/usr/bin/env bash
# Step time of every built-in architecture at its defaults on this machine, and what that means for the full-size
# experiments: prints a Markdown table (median step at batch 128, images/s, one epoch of 50,000 images).
#   ci/benchmarks/architectures.sh [steps]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps="${1:-5}"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(date -u +%F)"
echo
echo "| architecture | median step, batch 128 (IQR) | images/s | one epoch of 50,000 images |"
echo "|---|---:|---:|---:|"
for arch in $(./convbench list --json | sed -n 's/.*"name" : "\([^"]*\)".*/\1/p'); do
  json="$(./convbench bench "$arch" --steps "$steps" --warmup 2 --json)"
  get() { sed -n "s/.*\"$1\" : \([0-9.]*\).*/\1/p" <<< "$json"; }
  awk -v a="$arch" -v m="$(get medianStepMs)" -v p25="$(get p25StepMs)" -v p75="$(get p75StepMs)" \
      -v ips="$(get imagesPerSecond)" 'BEGIN {
        epoch = 50000 / ips
        printf "| %s | %.0f ms (%.0f–%.0f) | %.0f | %s |\n", a, m, p25, p75, ips,
          (epoch >= 3600 ? sprintf("%.1f h", epoch / 3600) : epoch >= 60 ? sprintf("%.0f min", epoch / 60) \
            : sprintf("%.0f s", epoch)) }'
done
