#!/usr/bin/env bash
# Checks convbench with TensorFlow's GPU native (Maven profile gpu) on any machine, a machine without CUDA included:
#
#   1. builds the launcher's GPU variant (CONVBENCH_GPU=1 ./convbench; downloads the ~500 MB native once) and runs
#      "convbench doctor": it must load the GPU build of TensorFlow and exit 0 (a machine without a usable GPU
#      trains on its CPU);
#   2. runs "convbench doctor --device gpu": exit 0 where TensorFlow can use a GPU, else exit 2 naming what is
#      missing;
#   3. when a C compiler is installed, calls the GPU build's own library loader (tsl::internal::DsoLoader in
#      libtensorflow_framework.so.2) with LD_DEBUG=libs and checks that the CUDA libraries it opens are the ones
#      doctor checks (dev.convbench.training.CudaLibraries): the check to repeat when TensorFlow is upgraded.
#
#   ci/gpu-native-check.sh          (from anywhere; prints everything it runs and what it printed)
#
# Exit status: 0 passed, 1 a check failed. Not part of .ci/run: it downloads the GPU native.
set -euo pipefail

repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CONVBENCH_GPU=1
failed=0

run() {
  echo "\$ CONVBENCH_GPU=1 ./convbench $*"
  set +e
  "$repo/convbench" "$@" > "$work/out" 2> "$work/err"
  status=$?
  set -e
  cat "$work/out"
  # The launcher's build notice and TensorFlow's own log lines go to standard error; show them as they came.
  sed 's/^/[stderr] /' "$work/err"
  echo "(exit $status)"
  echo
}

run doctor
if [[ $status -ne 0 ]]; then
  echo "FAIL: doctor exited $status; a machine that can run TensorFlow can train on its CPU" >&2
  failed=1
elif ! grep -q '^TensorFlow .*, GPU build (CUDA): ' "$work/out"; then
  echo "FAIL: doctor does not report the GPU build of TensorFlow although the launcher built with -Pgpu" >&2
  failed=1
fi

run doctor --device gpu
if [[ $status -eq 2 ]]; then
  grep -q '^error: device gpu asked for, but TensorFlow cannot use a GPU here: ' "$work/err" \
    || { echo "FAIL: doctor --device gpu exited 2 without saying why" >&2; failed=1; }
elif [[ $status -ne 0 ]]; then
  echo "FAIL: doctor --device gpu exited $status (0: a GPU is usable, 2: it is not)" >&2
  failed=1
fi

# 3. The sonames TensorFlow's loader opens, against doctor's list.
"$repo/convbench" doctor --json > "$work/doctor.json" 2> /dev/null || true
native="$(sed -n 's/^ *"nativeLibrary" : "\(.*\)",$/\1/p' "$work/doctor.json")"
framework="$(dirname "$native")/libtensorflow_framework.so.2"
compiler="$(command -v cc || command -v gcc || true)"
if [[ ! -f "$framework" ]]; then
  echo "FAIL: no libtensorflow_framework.so.2 next to the loaded native ($native)" >&2
  failed=1
elif [[ -z "$compiler" ]]; then
  echo "skipped: no C compiler to call TensorFlow's library loader with (apt-get install gcc)"
else
  cat > "$work/dso_probe.c" << 'C'
/* Calls each loader function named on the command line; LD_DEBUG=libs shows the file name it dlopens. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* Each returns an absl::StatusOr<void*>, which x86-64 returns through a hidden pointer to caller memory. */
typedef void (*loader_function)(void *result);

int main(int argc, char **argv) {
  void *framework = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
  if (framework == NULL) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  for (int i = 2; i < argc; i++) {
    loader_function get = (loader_function) dlsym(framework, argv[i]);
    if (get == NULL) {
      fprintf(stderr, "no loader function %s\n", argv[i]);
      return 1;
    }
    char result[256];
    memset(result, 0, sizeof result);
    fprintf(stderr, "calling %s\n", argv[i]);
    get(result);
  }
  return 0;
}
C
  "$compiler" -o "$work/dso_probe" "$work/dso_probe.c" -ldl
  # The functions TryDlopenCUDALibraries calls (all must open for TensorFlow to use a GPU), driver first.
  functions=()
  for name in CudaDriver CudaRuntime Cublas CublasLt Cufft Cusolver Cusparse Cudnn; do
    functions+=("$(nm -D --defined-only "$framework" | awk '{print $3}' \
      | grep -E "^_ZN3tsl8internal9DsoLoader[0-9]+Get${name}DsoHandleEv$")")
  done
  LD_DEBUG=libs "$work/dso_probe" "$framework" "${functions[@]}" > "$work/probe.log" 2>&1 || true
  # Each call's first "find library=" line is the soname it asks for.
  opened="$(awk '/^calling /{want=1; next} want && /find library=/{sub(/.*find library=/, ""); print $1; want=0}' \
    "$work/probe.log" | paste -s -d ' ' -)"
  checked="$(sed -n 's/^ *"soname" : "\(.*\)",$/\1/p' "$work/doctor.json" | paste -s -d ' ' -)"
  echo "TensorFlow's loader opens: $opened"
  echo "doctor checks:             libcuda.so.1 $checked"
  if [[ "$opened" != "libcuda.so.1 $checked" ]]; then
    echo "FAIL: the libraries doctor checks are not the ones this TensorFlow opens: update CudaLibraries" >&2
    failed=1
  fi
fi

[[ $failed -eq 0 ]] && echo "gpu-native-check: passed"
exit $failed
