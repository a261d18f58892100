#!/usr/bin/env bash
# Runs an experiment on Kubernetes with the manifests next to this script, in the current kubectl context:
#
#   CONVBENCH_IMAGE=registry.example.com/convbench:cpu ci/cluster/kubernetes/run.sh EXPERIMENT.yaml [NAME]
#
# 1. the experiment as ConfigMap convbench-experiment (key experiment.yaml, and NAME: results go to /results/NAME
#    on the results volume; default NAME: the file name without .yaml);
# 2. the volumes, and CIFAR-10 downloaded onto its volume unless CONVBENCH_SKIP_DATA=1 (files already there);
# 3. the Indexed Job, then, once it has ended however it ended, the report Job: Kubernetes has no dependencies
#    between Jobs, so this script waits in between (up to CONVBENCH_K8S_TIMEOUT seconds, default 86400).
#
# Jobs of an earlier call are deleted first (a Job's pod template cannot be changed); results on the volume are kept,
# and the new Job joins them: finished runs are not redone.
set -euo pipefail

die() {
  echo "k8s-run: $*" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || die "usage: $0 EXPERIMENT.yaml [NAME]"
[[ -f "$1" ]] || die "no experiment file $1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
file="$1"
name="${2:-$(basename "$file" .yaml)}"
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || die "NAME may hold letters, digits, '.', '_' and '-' only: $name"
image="${CONVBENCH_IMAGE:-}"
timeout="${CONVBENCH_K8S_TIMEOUT:-86400}"
kubectl="${KUBECTL:-kubectl}"

# The manifests name the image convbench:cpu; point them at the pushed one.
manifest() {
  if [[ -n "$image" ]]; then
    sed "s|image: convbench:cpu|image: $image|" "$here/$1"
  else
    cat "$here/$1"
  fi
}

# Waits until the Job's Complete or Failed condition is true and prints which.
wait_for_job() {
  local job="$1" deadline=$((SECONDS + timeout)) state
  while :; do
    state="$("$kubectl" get job "$job" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')"
    case " $state " in
      *" Complete "*) echo Complete; return 0 ;;
      *" Failed "*) echo Failed; return 0 ;;
    esac
    ((SECONDS < deadline)) || die "job/$job has not ended after ${timeout}s"
    sleep 10
  done
}

"$kubectl" create configmap convbench-experiment --from-file=experiment.yaml="$file" --from-literal=name="$name" \
  --dry-run=client -o yaml | "$kubectl" apply -f -
"$kubectl" delete job convbench convbench-report convbench-data --ignore-not-found --wait=true

# The Indexed Job's file also holds the volumes; apply those alone first (by their label), so the data can be filled
# before any pod of the Indexed Job starts.
manifest convbench-indexed-job.yaml | "$kubectl" apply -l app.kubernetes.io/component=storage -f -
if [[ "${CONVBENCH_SKIP_DATA:-0}" != 1 ]]; then
  manifest convbench-data-job.yaml | "$kubectl" apply -f -
  [[ "$(wait_for_job convbench-data)" == Complete ]] || die "CIFAR-10 download failed: $kubectl logs job/convbench-data"
fi

manifest convbench-indexed-job.yaml | "$kubectl" apply -f -
result="$(wait_for_job convbench)"
echo "k8s-run: job/convbench: $result" >&2
manifest convbench-report-job.yaml | "$kubectl" apply -f -
[[ "$(wait_for_job convbench-report)" == Complete ]] || die "report failed: $kubectl logs job/convbench-report"
"$kubectl" logs job/convbench-report >&2 || true
echo "k8s-run: report in /results/$name/report/index.html on volume convbench-results" >&2
[[ "$result" == Complete ]]
