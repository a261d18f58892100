#!/usr/bin/env bash
# Submits an experiment to Slurm: an array of SHARDS tasks (at most THROTTLE at a time) writing into OUT, then the
# report job, which starts once every task has ended, however it ended (--dependency=afterany).
#
#   ci/cluster/slurm/submit.sh EXPERIMENT OUT [SHARDS] [THROTTLE]      (defaults: 4 shards, 2 at a time)
#
# Prints "array-job ID" and "report-job ID" on standard output. Job logs go to OUT-logs/ (CONVBENCH_LOG_DIR). OUT
# must be on a file system that every node sees. Environment:
#   CONVBENCH_SBATCH_ARGS   more sbatch options for the array, e.g. "--partition=gpu --gres=gpu:1 --cpus-per-task=8"
#                           (one GPU per task: a convbench process trains on one GPU; with CONVBENCH_GPU=1)
#                           (SBATCH_PARTITION, SBATCH_ACCOUNT… apply to both jobs, as sbatch reads them itself)
#   CONVBENCH_ARGS          more "convbench run" arguments, e.g. "--allow-partial-data"
#   CONVBENCH_HOME          the checkout whose ./convbench runs (default: this repository)
#   CONVBENCH_LAUNCHER      the command to run instead of $CONVBENCH_HOME/convbench
#   CIFAR10_DIR             the CIFAR-10 binary files, as seen from the nodes
set -euo pipefail

die() {
  echo "submit: $*" >&2
  exit 2
}

[[ $# -ge 2 && $# -le 4 ]] || die "usage: $0 EXPERIMENT OUT [SHARDS] [THROTTLE]"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ -f "$1" ]] || die "no experiment file $1"
experiment="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir -p "$(dirname "$2")"
out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
# Logs beside the results, not in them: the results directory holds only what convbench writes.
logs="${CONVBENCH_LOG_DIR:-$out-logs}"
mkdir -p "$logs"
shards="${3:-4}"
throttle="${4:-2}"
[[ "$shards" =~ ^[1-9][0-9]*$ && "$throttle" =~ ^[1-9][0-9]*$ ]] || die "SHARDS and THROTTLE must be positive integers"
command -v sbatch > /dev/null || die "sbatch not found: is this a Slurm login node?"

export CONVBENCH_HOME="${CONVBENCH_HOME:-$(cd "$here/../../.." && pwd)}"
launcher="${CONVBENCH_LAUNCHER:-$CONVBENCH_HOME/convbench}"
# Build here, once: the tasks start together and would otherwise all build the same checkout.
"$launcher" --version > /dev/null || die "$launcher --version failed"

# The jobs get this environment (sbatch's default --export=ALL); CONVBENCH_SHARDS keeps K/N fixed, so one index
# can later be resubmitted alone.
export EXPERIMENT="$experiment" OUT="$out" CONVBENCH_SHARDS="$shards"

sbatch_args=()
read -r -a sbatch_args <<< "${CONVBENCH_SBATCH_ARGS:-}"
array_job="$(sbatch --parsable --array="0-$((shards - 1))%$throttle" --output="$logs/convbench-%A_%a.out" \
  ${sbatch_args[@]+"${sbatch_args[@]}"} "$here/convbench-array.sbatch")"
# --parsable prints "id" or "id;cluster".
array_job="${array_job%%;*}"
report_job="$(sbatch --parsable --dependency="afterany:$array_job" --output="$logs/convbench-report-%j.out" \
  "$here/convbench-report.sbatch")"
report_job="${report_job%%;*}"

echo "array-job $array_job"
echo "report-job $report_job"
cat >&2 << EOF
submit: $shards shards of $experiment, at most $throttle at a time, into $out (logs: $logs)
  progress:       squeue -j $array_job,$report_job
  rerun task K:   scontrol requeue ${array_job}_K; scontrol update JobId=${array_job}_K StartTime=now
                  (a requeued job waits ~2 min unless told to start now)
EOF
