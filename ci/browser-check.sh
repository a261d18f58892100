#!/usr/bin/env bash
# Opens a convbench HTML report in headless Chromium and checks it as a reader's browser renders it:
#   - no console errors (uncaught exceptions or console.error/warning output);
#   - the page's own check script ran and found every section and every chart <svg> it wrote
#     (it sets data-ok="true" on <body>), and every section id and chart id is in the rendered DOM;
#   - the sections every report has are there;
#   - a screenshot is saved.
#
#   ci/browser-check.sh REPORT_HTML [SCREENSHOT_PNG]     (default screenshot: REPORT_HTML with .png)
#
# Exit status: 0 passed, 1 a check failed, 2 usage error or no Chromium. CHROMIUM=/path/to/chrome overrides the
# browser. The page is opened from disk (file://) with networking features off, as a mailed report would be.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT_HTML [SCREENSHOT_PNG]" >&2
  exit 2
fi
report="$1"
screenshot="${2:-${report%.html}.png}"
if [[ ! -f "$report" ]]; then
  echo "browser-check: $report: no such file" >&2
  exit 2
fi
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$chromium" || ! -x "$chromium" ]]; then
  echo "browser-check: Chromium not found (set CHROMIUM)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars)
failures=0
fail() {
  echo "browser-check: FAIL: $*" >&2
  failures=$((failures + 1))
}

# 1. The DOM after the page's script ran, with the browser's console on stderr.
if ! timeout 180 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-dom" --enable-logging=stderr --v=0 \
    --virtual-time-budget=10000 --dump-dom "$url" >"$work/dom.html" 2>"$work/console.log"; then
  cat "$work/console.log" >&2
  fail "Chromium could not render $report"
fi
if grep -E 'CONSOLE|Uncaught' "$work/console.log" >"$work/console-errors.log"; then
  fail "console output (the report logs nothing when it is fine):"
  cat "$work/console-errors.log" >&2
fi

body="$(grep -o '<body[^>]*>' "$work/dom.html" | head -n 1 || true)"
if [[ "$body" != *'data-ok="true"'* ]]; then
  fail "the report's self-check did not pass (body: ${body:-no <body>}); missing: $(sed -n \
    's/.*data-missing="\([^"]*\)".*/\1/p' <<<"$body")"
fi

# The ids the report says it wrote (its check script's lists), each looked up in the rendered DOM.
sections="$(grep -o "var sections = \[[^]]*\]" "$report" | head -n 1 | grep -o "'[A-Za-z0-9-]*'" | tr -d "'" || true)"
charts="$(grep -o "charts = \[[^]]*\]" "$report" | head -n 1 | grep -o "'[A-Za-z0-9-]*'" | tr -d "'" || true)"
[[ -n "$sections" ]] || fail "no section list in the report's script (not a convbench report?)"
for id in summary charts convergence gradient-flow generalization cost architectures findings baseline runs \
    experiment environment $sections; do
  grep -q "id=\"$id\"" "$work/dom.html" || fail "section #$id is not in the rendered page"
done
chart_count=0
for id in $charts; do
  chart_count=$((chart_count + 1))
  grep -q "<svg[^>]* id=\"$id\"\|<svg id=\"$id\"" "$work/dom.html" || fail "chart <svg id=\"$id\"> is not in the rendered page"
done
svg_count="$(grep -o '<svg' "$work/dom.html" | wc -l)"
[[ "$chart_count" -ge 1 ]] || fail "the report lists no chart"
[[ "$svg_count" -ge "$chart_count" ]] || fail "$svg_count <svg> elements rendered for $chart_count charts"

# 2. A screenshot: what a reader sees first (1280 px wide, the first 4000 px).
rm -f "$screenshot"
mkdir -p "$(dirname "$screenshot")"
if ! timeout 180 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-shot" --window-size=1280,4000 \
    --virtual-time-budget=10000 --screenshot="$screenshot" "$url" >"$work/shot.log" 2>&1; then
  cat "$work/shot.log" >&2
  fail "Chromium could not take a screenshot"
fi
if [[ ! -s "$screenshot" ]] || [[ "$(head -c 4 "$screenshot" | tail -c 3)" != "PNG" ]]; then
  fail "no PNG screenshot at $screenshot"
fi

if [[ $failures -gt 0 ]]; then
  echo "browser-check: $report: $failures check(s) failed" >&2
  exit 1
fi
echo "browser-check: $report: OK ($(echo "$sections" | wc -w) sections, $chart_count charts, no console" \
  "errors); screenshot $screenshot"
