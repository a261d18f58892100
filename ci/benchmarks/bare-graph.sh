#!/usr/bin/env bash
# What the harness costs: a network's training step as convbench runs it against a bare TensorFlow Java graph of the
# same network (same layers, fed batch, loss, weight decay, momentum; no data pipeline, augmentation or diagnostics),
# interleaved in one JVM (BareGraphBenchmark).
#   ci/benchmarks/bare-graph.sh [resnet18|baseline-cnn] [steps] [rounds] [precisions, e.g. fp32,bf16] [standard|none]
# (the last: the harness's augmentation; the bare graph has none, so `none` isolates the rest of the harness)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(date -u +%F)"
./mvnw -B -q -o -pl harness/spi,harness/results,harness/engine,plugins test -Dtest=BareGraphBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dconvbench.benchmark=true -Dconvbench.network="${1:-resnet18}" -Dconvbench.steps="${2:-10}" \
  -Dconvbench.rounds="${3:-3}" -Dconvbench.precisions="${4:-fp32,bf16}" -Dconvbench.augmentation="${5:-standard}" 2>&1 |
  grep -E '^(#|round|[0-9]+\s)' || { echo "benchmark failed; rerun without the filter to see why" >&2; exit 1; }
