#!/usr/bin/env bash
# Merges the results of shards run apart (separate runners or machines, each with its own --out) into one report:
#
#   ci/merge-shards.sh OUT_DIR SHARD_DIR…      e.g. ci/merge-shards.sh public-merged results/shard-*
#
# Runs "convbench report SHARD_DIR… --out OUT_DIR", so OUT_DIR/index.html shows every run found in any shard; runs
# found in none are listed on standard error. Used by ci/github-actions.yml's merge job; works the same locally.
# A shard directory that does not exist is skipped (a shard without runs may upload nothing).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 2 ]] || { echo "usage: $0 OUT_DIR SHARD_DIR…" >&2; exit 2; }
out="$1"
shift
dirs=()
for dir in "$@"; do
  if [[ -d "$dir" ]]; then
    dirs+=("$dir")
  else
    echo "merge-shards: skipping $dir (no such directory)" >&2
  fi
done
[[ ${#dirs[@]} -gt 0 ]] || { echo "merge-shards: none of the shard directories exists" >&2; exit 2; }

"$repo/convbench" report "${dirs[@]}" --out "$out"
[[ -f "$out/index.html" ]] || { echo "merge-shards: $out/index.html was not written" >&2; exit 1; }
echo "merge-shards: ${#dirs[@]} shard directories merged into $out/index.html"
