#!/usr/bin/env bash
# Step-time benchmark: convbench against PyTorch on the same machine, in one run, so the ratio is fair.
#   ci/benchmarks/speed.sh [steps] [rounds]      (needs Debian's python3-torch for the PyTorch rows)
# Prints the machine, then, `rounds` times in turn (so a slow minute of a shared machine hits every row alike), for
# baseline-cnn and resnet18 in fp32 and bf16: convbench's and PyTorch's median training step at batch 128, with
# spread. bf16 is convbench's `precision: bf16` and PyTorch's torch.autocast('cpu', dtype=torch.bfloat16).
# Results recorded in ci/benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps="${1:-20}"
rounds="${2:-1}"
py="${PYTHON:-/usr/bin/python3}"   # Debian's python3-torch installs into the system Python
flags=$(grep -m1 '^flags' /proc/cpuinfo | grep -o 'avx512_bf16\|amx_bf16' | sort -u | xargs || true)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, bf16: ${flags:-none}, $(date -u +%F)"
for round in $(seq "$rounds"); do
  for net in baseline-cnn resnet18; do
    n="$steps"
    [[ $net == resnet18 ]] && n="$((steps / 2 > 5 ? steps / 2 : 5))"
    for precision in fp32 bf16; do
      echo "round $round:"
      ./convbench bench "$net" --steps "$n" --batch-size 128 --precision "$precision"
      if "$py" -c 'import torch' 2> /dev/null; then
        "$py" ci/benchmarks/pytorch_step.py "$net" 128 "$n" 3 "$precision"
      fi
    done
  done
done
