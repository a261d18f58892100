#!/usr/bin/env bash
# Checks HTML files with the Nu Html Checker (vnu.jar, the checker behind validator.w3.org/nu), errors only: a
# report must be valid HTML as browsers, mail clients and archives read it.
#
#   ci/html-check.sh FILE...
#
# The checker is the npm package vnu-jar at a pinned version, installed once into .convbench-build/vnu/VERSION/
# (gitignored) and run on the JDK (JAVA_HOME, else java on the PATH). VNU_JAR=/path/to/vnu.jar uses that jar
# instead; VNU_VERSION picks another version.
#
# Exit status: 0 no errors, 1 errors found (listed as FILE:LINE.COLUMN: error: MESSAGE), 2 usage error or no
# checker.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
for file in "$@"; do
  if [[ ! -f "$file" ]]; then
    echo "html-check: $file: no such file" >&2
    exit 2
  fi
done

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "html-check: no Java to run the checker on (set JAVA_HOME)" >&2
  exit 2
fi

jar="${VNU_JAR:-}"
if [[ -z "$jar" ]]; then
  version="${VNU_VERSION:-26.9.27}"
  cache="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.convbench-build/vnu/$version"
  jar="$cache/node_modules/vnu-jar/build/dist/vnu.jar"
  if [[ ! -f "$jar" ]]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "html-check: npm is needed once to install the checker (package vnu-jar); or set VNU_JAR" >&2
      exit 2
    fi
    mkdir -p "$cache"
    echo "html-check: installing vnu-jar@$version into $cache" >&2
    # --ignore-scripts: the package's install script would fetch a Java runtime; the JDK here runs the jar.
    if ! npm install --prefix "$cache" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
        "vnu-jar@$version" >&2 || [[ ! -f "$jar" ]]; then
      echo "html-check: could not install vnu-jar@$version" >&2
      exit 2
    fi
  fi
fi
if [[ ! -f "$jar" ]]; then
  echo "html-check: $jar: no such file" >&2
  exit 2
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
"$java" -jar "$jar" --errors-only --format gnu "$@" 2>"$out" >&2 || status=$?
if [[ -s "$out" ]]; then
  sed 's|^"file:\([^"]*\)":|\1:|' "$out" >&2
fi
errors="$(grep -c ': error: ' "$out" || true)"
if [[ $status -ne 0 || $errors -gt 0 ]]; then
  if [[ $errors -eq 0 ]]; then
    echo "html-check: the checker failed (exit status $status)" >&2
    exit 2
  fi
  echo "html-check: $errors error$([[ $errors -eq 1 ]] || echo s) in $# file$([[ $# -eq 1 ]] || echo s)" >&2
  exit 1
fi
echo "html-check: no errors in $# file$([[ $# -eq 1 ]] || echo s): $*"
