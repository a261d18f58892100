#!/usr/bin/env bash
# Step-time benchmark: convbench against PyTorch on the same machine, in one run, so the ratio is fair.
#   ci/benchmarks/speed.sh [steps]      (needs Debian's python3-torch for the PyTorch rows)
# Prints the machine, then for baseline-cnn and resnet18: convbench's and PyTorch's median training step at
# batch 128, with spread. Results recorded in ci/benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps="${1:-20}"
py="${PYTHON:-/usr/bin/python3}"   # Debian's python3-torch installs into the system Python
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(date -u +%F)"
./convbench bench baseline-cnn --steps "$steps" --batch-size 128
if "$py" -c 'import torch' 2> /dev/null; then
  "$py" ci/benchmarks/pytorch_step.py baseline-cnn 128 "$steps"
fi
./convbench bench resnet18 --steps "$((steps / 2 > 5 ? steps / 2 : 5))" --batch-size 128
if "$py" -c 'import torch' 2> /dev/null; then
  "$py" ci/benchmarks/pytorch_step.py resnet18 128 "$((steps / 2 > 5 ? steps / 2 : 5))"
fi
