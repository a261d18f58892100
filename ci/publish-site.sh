#!/usr/bin/env bash
# Builds the published site from a results directory and, optionally, a history directory:
#
#   ci/publish-site.sh SITE_DIR RESULTS_DIR [HISTORY_DIR]
#
#   SITE_DIR/index.html           a page linking the two below
#   SITE_DIR/report/index.html    the latest report (RESULTS_DIR/report, else rendered with `convbench report`)
#   SITE_DIR/report/results.json  its summary
#   SITE_DIR/history/index.html   the trends over commits (`convbench history report HISTORY_DIR`)
#
# SITE_DIR is replaced. Used by ci/github-actions.yml (the site goes to GitHub Pages) and ci/publish-report.sh; works
# the same on a developer machine. Environment: CONVBENCH_COMMIT (the commit named on the index page; default git
# rev-parse HEAD), CONVBENCH_LAUNCHER (the CLI; default ./convbench of this repository). Exit 2: bad arguments.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="${CONVBENCH_LAUNCHER:-$repo/convbench}"
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 SITE_DIR RESULTS_DIR [HISTORY_DIR]" >&2
  exit 2
fi
site="$1"
results="$2"
history_dir="${3:-}"
[[ -d "$results" ]] || { echo "publish-site: $results: no such results directory" >&2; exit 2; }
[[ -z "$history_dir" || -d "$history_dir" ]] || { echo "publish-site: $history_dir: no such history directory" >&2; exit 2; }

rm -rf "$site"
mkdir -p "$site/report"
if [[ -f "$results/report/index.html" ]]; then
  # The whole report directory, in case it links files next to it.
  cp -R "$results/report/." "$site/report/"
else
  "$launcher" report "$results" --out "$site/report" > /dev/null
fi
[[ -f "$site/report/index.html" ]] || { echo "publish-site: the report was not written" >&2; exit 1; }
if [[ ! -f "$site/report/results.json" && -f "$results/results.json" ]]; then
  cp "$results/results.json" "$site/report/results.json"
fi

history_link=""
if [[ -n "$history_dir" ]]; then
  "$launcher" history report "$history_dir" --out "$site/history" > /dev/null
  [[ -f "$site/history/index.html" ]] || { echo "publish-site: the history page was not written" >&2; exit 1; }
  entries="$(find "$history_dir" -mindepth 2 -maxdepth 2 -name '*.json' ! -name '.*' | wc -l | tr -d ' ')"
  noun="entry files"
  [[ "$entries" == 1 ]] && noun="entry file"
  history_link="<li><a href=\"history/index.html\">History over commits</a>: per cell, final accuracy, time to target
and speed relative to a yardstick, from $entries $noun</li>"
fi

# Only a hexadecimal hash and a UTC time go into the page, so nothing needs escaping.
commit="${CONVBENCH_COMMIT:-$(git -C "$repo" rev-parse HEAD 2> /dev/null || true)}"
[[ "$commit" =~ ^[0-9a-fA-F]{4,64}$ ]] || commit="unknown"
generated="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
cat > "$site/index.html" << HTML
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="convbench">
<title>convbench</title>
<style>
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
li { margin: .5rem 0; } footer { margin-top: 2rem; color: #888; font-size: .85rem; }
</style>
</head>
<body>
<h1>convbench</h1>
<ul id="pages">
<li><a href="report/index.html">Latest report</a>: the experiment of commit <code>$commit</code>
(<a href="report/results.json">results.json</a>)</li>
$history_link
</ul>
<footer>Generated on $generated.</footer>
</body>
</html>
HTML
echo "publish-site: $site/index.html" >&2
