#!/usr/bin/env bash
# What a checkpoint costs per architecture on this machine: trains each for a few epochs on the shared CIFAR-10
# subset (or CIFAR10_DIR) and prints, from each run's checkpoints.csv and metrics.csv, the checkpoint's write time
# (the first one, which warms up, and the median of the others), its size, and the epoch's training time.
#   ci/benchmarks/checkpoint-cost.sh [architecture…]      default: baseline-cnn resnet18 densenet121-se
# CHECKPOINT_TRAIN_SUBSET sets the training images (default 1280; "all" for every image of the data).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
archs=("$@")
[[ ${#archs[@]} -gt 0 ]] || archs=(baseline-cnn resnet18 densenet121-se)
export CIFAR10_DIR="${CIFAR10_DIR:-$(cd ../shared/data/cifar-10-subset-bin && pwd)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
subset="${CHECKPOINT_TRAIN_SUBSET:-1280}"
[[ "$subset" == all ]] && subset_setting="" || subset_setting="train-subset: $subset, "
cat > "$work/cost.yaml" << YAML
name: checkpoint-cost
dataset: {${subset_setting}test-subset: 200, allow-partial: true}
defaults: {epochs: 5, batch-size: 128}
matrix: {architecture: [$(IFS=,; echo "${archs[*]}")]}
YAML
./convbench run "$work/cost.yaml" --out "$work/out" --no-report --keep-models none > "$work/log" 2>&1 \
  || { cat "$work/log" >&2; exit 1; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(date -u +%F)"
echo "settings: $subset training images, batch 128, 5 epochs, a checkpoint after each epoch"
echo
echo "| architecture | checkpoint size | first checkpoint | later checkpoints (median) | epoch (median) | median checkpoint / epoch |"
echo "|---|---:|---:|---:|---:|---:|"
for arch in "${archs[@]}"; do
  run="$work/out/${arch}__s1"
  size="$(du -sk "$run/checkpoints" | cut -f1)"
  awk -F, -v a="$arch" -v kb="$size" '
    FNR == 1 { next }
    FILENAME ~ /checkpoints.csv$/ { c[++nc] = $4; next }
    { e[++ne] = $7 }
    function median(x, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    END {
      first = c[1]; for (i = 2; i <= nc; i++) later[i - 1] = c[i]
      mc = median(later, nc - 1); me = median(e, ne)
      printf "| %s | %.1f MB | %.3f s | %.3f s | %.2f s | %.1f %% |\n", a, kb / 1024, first, mc, me, 100 * mc / me }
  ' "$run/checkpoints.csv" "$run/metrics.csv"
done
