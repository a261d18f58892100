# The frame the end-to-end scripts in ci/ share; source it after setting E2E_NAME (their lines start "e2e-NAME:").
# It gives log and fail; the script sets work to its work directory, which is removed when the script passes and kept
# (and named) when it fails or with CONVBENCH_E2E_KEEP=1; the time taken is printed at exit. A script with clean-up
# of its own (a cluster to stop, logs to show) defines e2e_on_exit, called first with the exit status. e2e_data
# provides the data.

started=$SECONDS
work=""
e2e_ci="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() {
  echo "e2e-$E2E_NAME: $*" >&2
}

fail() {
  log "FAIL: $*"
  exit 1
}

e2e_exit() {
  local status=$?
  if declare -F e2e_on_exit > /dev/null; then
    e2e_on_exit "$status"
  fi
  if [[ -n "$work" ]]; then
    if [[ $status -eq 0 && "${CONVBENCH_E2E_KEEP:-0}" != 1 ]]; then
      rm -rf "$work"
    else
      log "work directory kept: $work"
    fi
  fi
  log "took $((SECONDS - started)) s"
}
trap e2e_exit EXIT

# The data the runs train on, exported as CIFAR10_DIR: CIFAR10_DIR when set, else tiny files in CIFAR-10's format
# (ci/tiny-cifar.py), RECORDS per file, in the work directory.
e2e_data() {
  if [[ -z "${CIFAR10_DIR:-}" ]]; then
    CIFAR10_DIR="$work/cifar"
    python3 "$e2e_ci/tiny-cifar.py" "$CIFAR10_DIR" "$1"
  fi
  export CIFAR10_DIR
}
