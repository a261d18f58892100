#!/usr/bin/env bash
# A throw-away one-node Slurm cluster on this machine, for trying the batch scripts and for the end-to-end test.
#
#   ci/cluster/slurm/one-node-cluster.sh start  [WORK_DIR]   start munged (if needed), slurmctld and slurmd
#   ci/cluster/slurm/one-node-cluster.sh status [WORK_DIR]   daemons, sinfo, squeue
#   ci/cluster/slurm/one-node-cluster.sh stop   [WORK_DIR]   cancel its jobs, stop the daemons it started
#
# WORK_DIR (default $CONVBENCH_SLURM_DIR, else /tmp/convbench-slurm) holds everything of the cluster under
# WORK_DIR/cluster/: slurm.conf, state, spool, logs and the PIDs of the daemons started. /etc/slurm is not touched:
# clients and daemons are pointed at the configuration with SLURM_CONF, so use the cluster with
#
#   source WORK_DIR/cluster/env      (sets SLURM_CONF), then sbatch, squeue, sinfo, scancel as usual
#
# Needs root (the daemons run as root, munged as user munge). Installs slurm-wlm with apt-get when sbatch is missing.
# Environment: CONVBENCH_SLURMCTLD_PORT (6817), CONVBENCH_SLURMD_PORT (6818), CONVBENCH_SLURM_START_TIMEOUT
# (seconds until the node must be idle, 60).
# Exit codes: 0 ok, 1 failure, 4 Slurm is not installed and cannot be installed here (not root or no apt-get).
set -euo pipefail
shopt -s extglob

die() {
  echo "one-node-cluster: $*" >&2
  exit 1
}

usage() {
  sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
command="$1"
work="${2:-${CONVBENCH_SLURM_DIR:-/tmp/convbench-slurm}}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
dir="$work/cluster"
ctld_port="${CONVBENCH_SLURMCTLD_PORT:-6817}"
slurmd_port="${CONVBENCH_SLURMD_PORT:-6818}"
timeout="${CONVBENCH_SLURM_START_TIMEOUT:-60}"
munge_socket=/run/munge/munge.socket.2

# A PID from our records counts only while it is still that daemon: PIDs are reused.
is_running() {
  local pid="$1" name="$2"
  [[ -r "/proc/$pid/comm" && "$(cat "/proc/$pid/comm" 2> /dev/null)" == "$name" ]] \
    && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2> /dev/null
}

# "name pid" per line, for the daemons this script started.
recorded_daemons() {
  [[ -f "$dir/daemons" ]] && cat "$dir/daemons"
  return 0
}

any_running() {
  local name pid i
  while read -r name pid; do
    is_running "$pid" "$name" && return 0
  done < <(recorded_daemons)
  return 1
}

# A live munged answers; a socket file or a process name alone proves nothing (a defunct munged keeps both).
munge_works() {
  command -v munge > /dev/null && munge -n 2> /dev/null | unmunge > /dev/null 2>&1
}

ensure_installed() {
  command -v sbatch > /dev/null && command -v slurmctld > /dev/null && command -v slurmd > /dev/null && return 0
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get > /dev/null; then
    echo "one-node-cluster: Slurm is not installed, and installing it needs root and apt-get" >&2
    exit 4
  fi
  echo "one-node-cluster: installing slurm-wlm…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm > /dev/null \
    || { echo "one-node-cluster: apt-get install slurm-wlm failed" >&2; exit 4; }
}

# Starts a daemon in the background and records its PID. The command substitution's subshell exits at once, so the
# daemon is adopted (and later reaped) by init instead of lingering as a zombie child of whoever called us.
spawn() {
  local name="$1" pid
  shift
  pid="$("$@" < /dev/null >> "$dir/log/$name.out" 2>&1 & echo $!)"
  echo "$name $pid" >> "$dir/daemons"
}

start_munge() {
  munge_works && return 0
  [[ -s /etc/munge/munge.key ]] || { mungekey --create > /dev/null && chown munge:munge /etc/munge/munge.key; }
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  # setpriv execs munged in place, so the PID is munged's own. --force: a socket left by a dead munged is taken over.
  spawn munged setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground --force
  local i
  for ((i = 0; i < 50; i++)); do
    munge_works && return 0
    sleep 0.2
  done
  tail -n 20 "$dir/log/munged.out" >&2 || true
  die "munged does not answer on $munge_socket"
}

port_in_use() {
  command -v ss > /dev/null && [[ -n "$(ss -Htln "sport = :$1")" ]]
}

write_config() {
  local host node_line mem
  host="$(hostname -s)"
  # slurmd's own view of the node (CPUs, sockets, cores), so the configuration never claims more than there is;
  # memory a little below the total, or the node is drained as having less than configured.
  node_line="$(slurmd -C | sed -n 's/^\(NodeName=.*\)/\1/p' | head -n 1)"
  mem="$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
  node_line="${node_line/RealMemory=+([0-9])/RealMemory=$mem}"
  [[ "$node_line" == NodeName=$host* ]] || die "unexpected 'slurmd -C' output: $node_line"
  cat > "$dir/slurm.conf" << EOF
# Written by ci/cluster/slurm/one-node-cluster.sh; fresh state and spool directories on every start.
ClusterName=convbench
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# Cancelled tasks get SIGTERM, then SIGKILL 5 s later (default 30 s).
KillWait=5
# Batch jobs may be requeued (scontrol requeue, node failure); sbatch --requeue asks for it per job.
JobRequeue=1
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
$node_line NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  echo "export SLURM_CONF=$dir/slurm.conf" > "$dir/env"
}

show_logs() {
  local log
  for log in "$dir"/log/*; do
    [[ -f "$log" ]] || continue
    echo "----- $log (last 30 lines)" >&2
    tail -n 30 "$log" >&2
  done
}

stop_cluster() {
  [[ -f "$dir/daemons" ]] || { echo "one-node-cluster: no cluster recorded in $dir"; return 0; }
  export SLURM_CONF="$dir/slurm.conf"
  # Jobs first, so no job step outlives its slurmd.
  if squeue -h > /dev/null 2>&1; then
    local jobs i
    jobs="$(squeue -h -o %A | sort -u)"
    if [[ -n "$jobs" ]]; then
      # shellcheck disable=SC2086 # one job id per word
      scancel $jobs 2> /dev/null || true
      for ((i = 0; i < 30; i++)); do
        [[ -z "$(squeue -h -o %A 2> /dev/null)" ]] && break
        sleep 0.5
      done
    fi
  fi
  # Reverse start order: slurmd, slurmctld, then munged (only if this script started it).
  local name pid i
  while read -r name pid; do
    is_running "$pid" "$name" || continue
    kill -TERM "$pid" 2> /dev/null || true
    for ((i = 0; i < 50; i++)); do
      is_running "$pid" "$name" || break
      sleep 0.2
    done
    if is_running "$pid" "$name"; then
      kill -KILL "$pid" 2> /dev/null || true
    fi
    echo "one-node-cluster: stopped $name ($pid)"
  done < <(recorded_daemons | tac)
  rm -f "$dir/daemons"
}

case "$command" in
  start)
    [[ "$(id -u)" == 0 ]] || die "start needs root (daemons as root, munged as user munge)"
    ensure_installed
    if any_running; then
      die "a cluster started from $dir is still running; stop it first: $0 stop $work"
    fi
    for port in "$ctld_port" "$slurmd_port"; do
      if port_in_use "$port"; then
        die "port $port is in use (another slurmctld or slurmd?); choose others with CONVBENCH_SLURMCTLD_PORT and" \
          "CONVBENCH_SLURMD_PORT"
      fi
    done
    # A fresh directory every time: slurmctld refuses a state directory left by a cluster of another name.
    rm -rf "$dir"
    mkdir -p "$dir/state" "$dir/spool" "$dir/log"
    write_config
    export SLURM_CONF="$dir/slurm.conf"
    start_munge
    spawn slurmctld slurmctld -D -f "$SLURM_CONF"
    spawn slurmd slurmd -D -f "$SLURM_CONF"
    state=""
    for ((waited = 0; waited < timeout * 2; waited++)); do
      state="$(sinfo -h -N -o %t 2> /dev/null | head -n 1 || true)"
      [[ "$state" == idle ]] && break
      if ! any_running; then
        break
      fi
      sleep 0.5
    done
    if [[ "$state" != idle ]]; then
      echo "one-node-cluster: the node is not idle after ${timeout}s (state: '${state:-no answer}')" >&2
      show_logs
      stop_cluster > /dev/null 2>&1 || true
      exit 1
    fi
    echo "one-node-cluster: node $(hostname -s) idle after $((waited / 2))s; source $dir/env (SLURM_CONF=$SLURM_CONF)"
    ;;
  stop)
    stop_cluster
    ;;
  status)
    if ! any_running; then
      echo "one-node-cluster: not running ($dir)"
      exit 1
    fi
    while read -r name pid; do
      if is_running "$pid" "$name"; then echo "$name $pid running"; else echo "$name $pid gone"; fi
    done < <(recorded_daemons)
    export SLURM_CONF="$dir/slurm.conf"
    echo "SLURM_CONF=$SLURM_CONF"
    sinfo
    squeue
    ;;
  *)
    usage
    ;;
esac
