#!/usr/bin/env bash
# End-to-end test of the Slurm scripts on a real one-node cluster (one-node-cluster.sh), with the real CLI:
#
#   1. submit.sh runs a 4-run experiment as an array of 3 shards, at most 2 at a time, and the report job after it;
#      every run must be completed exactly once and the merged report must list every cell.
#   2. the same into a fresh directory; while two tasks are mid-run, one is cancelled (scancel) and resubmitted
#      alone (sbatch --array=K with CONVBENCH_SHARDS), the other requeued (scontrol requeue); the report job is
#      made to wait for the resubmitted task; then the same checks, and the interrupted runs must have restarted.
#
#   ci/cluster/slurm/e2e-test.sh                         the test (needs root; budget: 5 min on 2 cores)
#   ci/cluster/slurm/e2e-test.sh check OUT EXPERIMENT    only the result checks, on a results directory
#
# Environment: CIFAR10_DIR (data; default: tiny generated files), CONVBENCH_REQUIRE_SLURM=1 (fail instead of
# skipping when Slurm cannot be installed), CONVBENCH_LAUNCHER (the CLI to test; default: ./convbench),
# CONVBENCH_E2E_EPOCHS (per run, default 15: runs must last long enough to be interrupted), CONVBENCH_E2E_KEEP=1
# (keep the work directory).
set -euo pipefail

E2E_NAME=slurm
source "$(dirname "${BASH_SOURCE[0]}")/../../e2e-frame.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
launcher="${CONVBENCH_LAUNCHER:-$repo/convbench}"
shards=3
throttle=2
epochs="${CONVBENCH_E2E_EPOCHS:-15}"
# ---------------------------------------------------------------------------------------------------------------
# Checks of a results directory against the CLI contract. Each takes OUT and a file of the expected run ids.

# The checks in Python (json, timestamps, HTML escaping); one program, one subcommand per check.
read -r -d '' checks_py << 'PY' || true
import datetime, html, json, os, sys

def load(path):
    with open(path) as f:
        return json.load(f)

def when(value):
    """ISO-8601 text, or epoch seconds or milliseconds."""
    if isinstance(value, (int, float)):
        return value / 1000 if value > 1e11 else float(value)
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()

def attempts(out, rid):
    d = os.path.join(out, ".claims", rid)
    if not os.path.isdir(d):
        return []
    return [(n, load(os.path.join(d, n))) for n in sorted(os.listdir(d))
            if n.startswith("attempt-") and n.endswith(".json")]

def run_json(out, rid):
    p = os.path.join(out, rid, "run.json")
    return load(p) if os.path.exists(p) else None

check, out, ids_file, *rest = sys.argv[1:]
with open(ids_file) as f:
    ids = [line.strip() for line in f if line.strip()]
problems = []

if check == "completed":
    for rid in ids:
        run = run_json(out, rid)
        if run is None:
            problems.append(f"{rid}: no run.json")
        elif run.get("status") != "completed":
            problems.append(f"{rid}: status {run.get('status')!r}, expected 'completed'")
    for name in sorted(os.listdir(out)):
        if os.path.exists(os.path.join(out, name, "run.json")) and name not in ids:
            problems.append(f"{name}: a run directory that is not in the experiment")

elif check == "claims":
    tasks = set()
    for rid in ids:
        atts = attempts(out, rid)
        if not atts:
            problems.append(f"{rid}: no attempt records in .claims/{rid}/")
            continue
        done = [(n, a) for n, a in atts if a.get("outcome") == "completed"]
        if len(done) != 1:
            problems.append(f"{rid}: {len(done)} attempts with outcome 'completed' "
                            f"({[n for n, _ in done]}), expected 1")
        taken_over = {(a.get("takeover") or {}).get("attempt") for _, a in atts}
        for n, a in atts:
            # A held attempt has no outcome; one that never let go (SIGKILL) must have been taken over.
            if a.get("outcome") is None and a.get("attempt") not in taken_over:
                problems.append(f"{rid}: {n} was never released and never taken over")
            for key in ("token", "startedAt", "heartbeatAt"):
                if key not in a:
                    problems.append(f"{rid}: {n} has no {key!r}")
            for key in ("host", "pid", "task"):
                if key not in (a.get("holder") or {}):
                    problems.append(f"{rid}: {n} has no holder.{key}")
        run = run_json(out, rid) or {}
        token = (run.get("attempt") or {}).get("token")
        if done and token != done[0][1].get("token"):
            problems.append(f"{rid}: run.json was written under claim token {token!r}, "
                            f"but the completed attempt {done[0][0]} has {done[0][1].get('token')!r}")
        if done:
            task = str((done[0][1].get("holder") or {}).get("task", ""))
            if not task.startswith("slurm:"):
                problems.append(f"{rid}: completed by task {task!r}, expected 'slurm:<job>…'")
            tasks.add(task)
        # One attempt's last sign of life must come before the next one starts: otherwise two processes
        # trained the run at once.
        timed = sorted(((when(a["startedAt"]), when(a["heartbeatAt"]), n) for n, a in atts
                        if "startedAt" in a and "heartbeatAt" in a))
        for (s1, h1, n1), (s2, h2, n2) in zip(timed, timed[1:]):
            if s2 < h1:
                problems.append(f"{rid}: {n2} started {h1 - s2:.1f} s before {n1}'s last heartbeat")
    if len(ids) > 1 and len(tasks) < 2:
        problems.append(f"every run was completed by one task ({sorted(tasks)}): the shards did not spread")

elif check == "rows":
    # Every epoch once in metrics.csv: a restarted run starts its files afresh.
    for rid in ids:
        run = run_json(out, rid) or {}
        expected = ((run.get("spec") or {}).get("training") or {}).get("epochs")
        p = os.path.join(out, rid, "metrics.csv")
        if not os.path.exists(p):
            problems.append(f"{rid}: no metrics.csv")
            continue
        with open(p) as f:
            epochs = [int(line.split(",")[0]) for line in f.read().splitlines()[1:] if line.strip()]
        if epochs != list(range(1, len(epochs) + 1)) or (expected and len(epochs) != expected):
            problems.append(f"{rid}: metrics.csv epochs {epochs}, expected 1..{expected}")

elif check == "report":
    index = os.path.join(out, "report", "index.html")
    if not os.path.exists(index):
        problems.append(f"no {index}")
    else:
        with open(index, encoding="utf-8") as f:
            text = f.read()
        for rid in ids:
            label = ((run_json(out, rid) or {}).get("spec") or {}).get("label")
            if not label:
                problems.append(f"{rid}: run.json has no spec.label")
            elif html.escape(label) not in text and label not in text:
                problems.append(f"{rid}: the report does not show the cell label {label!r}")

elif check == "restarted":
    # The runs that were interrupted: a first attempt that did not complete, then one that did.
    for rid in rest:
        atts = attempts(out, rid)
        outcomes = [a.get("outcome") for _, a in atts]
        if len(atts) < 2 or outcomes[0] == "completed":
            problems.append(f"{rid}: attempts {outcomes}, expected an interrupted one and then a completed one")

else:
    sys.exit(f"unknown check {check}")

for p in problems:
    print(f"  {p}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY

run_check() {
  local name="$1" out="$2" ids="$3"
  shift 3
  python3 -c "$checks_py" "$name" "$out" "$ids" "$@" || fail "check '$name' failed for $out (problems above)"
  log "ok: $name ($out)"
}

# Every run of the experiment has status completed, and there is no run that is not in it.
check_runs_completed() { run_check completed "$@"; }
# Exactly one completed attempt per run, run.json written under that attempt's token, every attempt released, no two
# attempts of one run alive at once, completed by Slurm tasks, more than one task involved.
check_claims() { run_check claims "$@"; }
# metrics.csv holds every epoch exactly once: nothing duplicated by a restart.
check_rows() { run_check rows "$@"; }
# The merged report exists and shows every cell's label.
check_report() { run_check report "$@"; }
# The given runs were interrupted and then restarted: OUT IDS RUN_ID…
check_restarted() { run_check restarted "$@"; }

check_all() {
  check_runs_completed "$1" "$2"
  check_claims "$1" "$2"
  check_rows "$1" "$2"
  check_report "$1" "$2"
}

# The run ids of an experiment, as "convbench validate" lists them (two-space indented, id first).
expected_run_ids() {
  "$launcher" validate "$1" | sed -n 's/^  \([^ ]\{1,\}\) .*/\1/p'
}

if [[ "${1:-}" == check ]]; then
  [[ $# -eq 3 ]] || fail "usage: $0 check OUT EXPERIMENT"
  ids_file="$(mktemp)"
  expected_run_ids "$3" > "$ids_file"
  [[ -s "$ids_file" ]] || fail "no runs listed by '$launcher validate $3'"
  check_all "$2" "$ids_file"
  rm -f "$ids_file"
  exit 0
fi
[[ $# -eq 0 ]] || fail "usage: $0 | $0 check OUT EXPERIMENT"

# ---------------------------------------------------------------------------------------------------------------
# Slurm helpers.

# Waits until none of the jobs is pending, running or completing.
wait_for_jobs() {
  local timeout="$1" deadline=$((SECONDS + $1))
  shift
  local ids
  ids="$(IFS=,; echo "$*")"
  while [[ -n "$(squeue -h -j "$ids" -o %i 2> /dev/null || true)" ]]; do
    ((SECONDS < deadline)) || fail "jobs $ids still queued after ${timeout}s: $(squeue -j "$ids" 2>&1)"
    sleep 1
  done
}

# JobState of a job (or one array task, ID_K), as long as Slurm remembers it (MinJobAge).
job_state() {
  scontrol -o show job "$1" 2> /dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1
}

expect_job_state() {
  local job="$1" expected="$2" state
  state="$(job_state "$job")"
  [[ "$state" == "$expected" ]] || fail "job $job is ${state:-unknown}, expected $expected (log: $(job_log "$job"))"
}

job_log() {
  scontrol -o show job "$1" 2> /dev/null | sed -n 's/.*StdOut=\([^ ]*\).*/\1/p' | head -n 1
}

# "run-id status attempt.holder.task" per run directory, for failure messages.
run_states() {
  python3 - "$1" << 'PY'
import json, os, sys
for name in sorted(os.listdir(sys.argv[1])):
    p = os.path.join(sys.argv[1], name, "run.json")
    if os.path.exists(p):
        with open(p) as f:
            run = json.load(f)
        print(name, run.get("status"), ((run.get("attempt") or {}).get("holder") or {}).get("task"))
PY
}

# Prints "K RUN_ID" for each array task of ARRAY_JOB with a run.json saying running, once COUNT tasks have one.
running_tasks() {
  local out="$1" array_job="$2" count="$3" timeout="$4" deadline=$((SECONDS + $4)) found
  while :; do
    found="$(python3 - "$out" "$array_job" << 'PY'
import json, os, sys
out, job = sys.argv[1:]
seen = {}
for name in sorted(os.listdir(out)) if os.path.isdir(out) else []:
    try:
        with open(os.path.join(out, name, "run.json")) as f:
            run = json.load(f)
    except (OSError, ValueError):
        continue
    task = str(((run.get("attempt") or {}).get("holder") or {}).get("task", ""))
    if run.get("status") == "running" and task.startswith(f"slurm:{job}_"):
        seen.setdefault(task.rsplit("_", 1)[1], name)
for k, rid in sorted(seen.items()):
    print(k, rid)
PY
)"
    if [[ "$(grep -c . <<< "$found")" -ge "$count" ]]; then
      head -n "$count" <<< "$found"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      fail "no $count tasks of job $array_job mid-run within ${timeout}s; runs (status, attempt.holder.task):
$(run_states "$out")"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Set-up: Slurm, python3, the CLI, data, the experiment.

# The batch jobs' logs when the test failed, and the cluster stopped, before the frame removes the work directory.
e2e_on_exit() {
  [[ -n "$work" ]] || return 0
  if [[ $1 -ne 0 ]]; then
    for f in "$work"/results-*-logs/*.out; do
      [[ -f "$f" ]] || continue
      echo "----- $f (last 15 lines)" >&2
      tail -n 15 "$f" >&2
    done
  fi
  bash "$here/one-node-cluster.sh" stop "$work/slurm" >&2 || true
}

skip_or_fail() {
  if [[ "${CONVBENCH_REQUIRE_SLURM:-0}" == 1 ]]; then
    fail "$* (CONVBENCH_REQUIRE_SLURM=1)"
  fi
  log "SKIPPED: $*"
  exit 0
}

[[ "$(id -u)" == 0 ]] || skip_or_fail "a one-node Slurm cluster needs root"
if ! command -v python3 > /dev/null; then
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 > /dev/null; }; then
    fail "python3 is needed for the checks and could not be installed"
  fi
fi

work="$(mktemp -d /tmp/convbench-slurm-e2e.XXXXXX)"
cluster_status=0
bash "$here/one-node-cluster.sh" start "$work/slurm" >&2 || cluster_status=$?
if [[ $cluster_status -eq 4 ]]; then
  skip_or_fail "Slurm is not installed and cannot be installed here"
fi
[[ $cluster_status -eq 0 ]] || fail "the one-node cluster did not start"
# shellcheck source=/dev/null
source "$work/slurm/cluster/env"

# Build once, before any job starts (submit.sh would too); then make sure this CLI has what the scripts call.
"$launcher" --version > /dev/null || fail "$launcher --version failed"
"$launcher" run --help 2>&1 | grep -q -- '--shard' \
  || fail "'$launcher run' has no --shard option: this test needs the CLI with sharded runs and claims"

e2e_data 500

experiment="$work/slurm-e2e.yaml"
cat > "$experiment" << EOF
name: slurm-e2e
dataset: {train-subset: 2000, test-subset: 200, allow-partial: true}
defaults: {epochs: $epochs, batch-size: 50, log-every-steps: 10}
matrix: {architecture: [baseline-cnn, lenet5]}
seeds: [1, 2]
EOF
ids="$work/run-ids.txt"
expected_run_ids "$experiment" > "$ids"
[[ "$(grep -c . "$ids")" -eq 4 ]] || fail "expected 4 runs from validate, got: $(cat "$ids")"

# One CPU per task, so two tasks fit this node at once; the scripts' defaults are for real nodes.
export CONVBENCH_SBATCH_ARGS="--cpus-per-task=1 --mem=3G --time=00:10:00"
export CONVBENCH_LAUNCHER="$launcher"

submit() {
  bash "$here/submit.sh" "$experiment" "$1" "$shards" "$throttle"
}

# ---------------------------------------------------------------------------------------------------------------
log "scenario 1: $shards shards, at most $throttle at a time, then the report job"
out1="$work/results-1"
jobs="$(submit "$out1")"
array1="$(awk '$1 == "array-job" { print $2 }' <<< "$jobs")"
report1="$(awk '$1 == "report-job" { print $2 }' <<< "$jobs")"
wait_for_jobs 180 "$array1" "$report1"
for ((k = 0; k < shards; k++)); do
  expect_job_state "${array1}_$k" COMPLETED
done
expect_job_state "$report1" COMPLETED
check_all "$out1" "$ids"
if grep -q 'runs missing' "$out1"-logs/convbench-report-*.out; then
  fail "the report job says runs are missing: $(cat "$out1"-logs/convbench-report-*.out)"
fi
log "scenario 1 passed after $((SECONDS - started)) s"

# ---------------------------------------------------------------------------------------------------------------
log "scenario 2: one task cancelled and resubmitted, one requeued, while mid-run"
out2="$work/results-2"
jobs="$(submit "$out2")"
array2="$(awk '$1 == "array-job" { print $2 }' <<< "$jobs")"
report2="$(awk '$1 == "report-job" { print $2 }' <<< "$jobs")"
mid_run="$(running_tasks "$out2" "$array2" 2 120)"
read -r cancelled cancelled_run <<< "$(sed -n 1p <<< "$mid_run")"
read -r requeued requeued_run <<< "$(sed -n 2p <<< "$mid_run")"
log "cancelling task ${array2}_$cancelled (running $cancelled_run), requeueing ${array2}_$requeued ($requeued_run)"
scancel "${array2}_$cancelled"
scontrol requeue "${array2}_$requeued"
# A requeued job is held ~2 min (BeginTime) once it is pending again; then start it at once.
for ((i = 0; ; i++)); do
  [[ "$(job_state "${array2}_$requeued")" == PENDING ]] && break
  ((i < 150)) || fail "requeued task ${array2}_$requeued is $(job_state "${array2}_$requeued"), not PENDING, after 30 s"
  sleep 0.2
done
scontrol update JobId="${array2}_$requeued" StartTime=now
# Resubmit the cancelled index once its process is gone: a live claim would make the new task leave the run alone.
wait_for_jobs 30 "${array2}_$cancelled"
read -r -a sbatch_args <<< "$CONVBENCH_SBATCH_ARGS"
resubmitted="$(CONVBENCH_SHARDS=$shards EXPERIMENT="$experiment" OUT="$out2" \
  sbatch --parsable --array="$cancelled" --output="$out2-logs/convbench-%A_%a.out" "${sbatch_args[@]}" \
  "$here/convbench-array.sbatch")"
resubmitted="${resubmitted%%;*}"
# The report job waited for the first array only; now for the resubmitted task too.
scontrol update JobId="$report2" Dependency="afterany:$array2:$resubmitted"
wait_for_jobs 240 "$array2" "$resubmitted" "$report2"
expect_job_state "${array2}_$cancelled" CANCELLED
for ((k = 0; k < shards; k++)); do
  [[ $k -eq $cancelled ]] || expect_job_state "${array2}_$k" COMPLETED
done
expect_job_state "${resubmitted}_$cancelled" COMPLETED
expect_job_state "$report2" COMPLETED
check_all "$out2" "$ids"
check_restarted "$out2" "$ids" "$cancelled_run" "$requeued_run"
if grep -q 'runs missing' "$out2"-logs/convbench-report-*.out; then
  fail "the report job says runs are missing: $(cat "$out2"-logs/convbench-report-*.out)"
fi
log "scenario 2 passed"
log "passed: both scenarios in $((SECONDS - started)) s"
