#!/usr/bin/env bash
# Opens a convbench HTML report in headless Chromium and checks it as a reader's browser renders it:
#   - no console errors (uncaught exceptions or console.error/warning output);
#   - the page's own check script ran and found every section and every chart <svg> it wrote
#     (it sets data-ok="true" on <body>), and every section id and chart id is in the rendered DOM;
#   - the sections every report has are there;
#   - in a 1,280 px window with scrollbars, every column of the summary table is in view without scrolling
#     sideways, no link of the contents bar sticks out of it, and the page is no wider than the window; in a 500 px
#     window the page is no wider than the window either (wide tables scroll inside their own box);
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

# 2. The layout, measured by a script appended to a copy of the page (the report itself stays as written): it
# records what does not fit on <body> as data-layout-problems, read back from the rendered DOM.
cp "$report" "$work/layout.html"
cat >>"$work/layout.html" <<'LAYOUT'
<script>
(function () {
  var problems = [], page = document.documentElement.clientWidth;
  function px(v) { return Math.round(v) + ' px'; }
  function each(list, f) { Array.prototype.forEach.call(list, f); }
  if (document.documentElement.scrollWidth > page + 1) {
    problems.push('the page is wider than the window (' + px(document.documentElement.scrollWidth) + ' in '
      + px(page) + ')');
  }
  if (location.hash === '#wide') {
    var table = document.querySelector('#summary table');
    if (!table) {
      problems.push('no summary table');
    } else {
      var box = table.parentElement;
      if (box.scrollWidth > box.clientWidth + 1) {
        problems.push('the summary table needs scrolling sideways (' + px(box.scrollWidth) + ' wide in '
          + px(box.clientWidth) + ')');
      }
      var visible = Math.min(box.getBoundingClientRect().right, page);
      each(table.tHead.rows[0].cells, function (th) {
        var r = th.getBoundingClientRect();
        if (r.right > visible + 1) {
          problems.push('summary column "' + th.textContent.trim() + '" is cut off (it ends at ' + px(r.right)
            + ', the table is in view to ' + px(visible) + ')');
        }
      });
    }
    var nav = document.getElementById('contents');
    var edge = nav ? Math.min(nav.getBoundingClientRect().right, page) : 0;
    each(nav ? nav.querySelectorAll('a') : [], function (a) {
      var r = a.getBoundingClientRect();
      if (r.right > edge + 1) {
        problems.push('contents link "' + a.textContent.trim() + '" sticks out (it ends at ' + px(r.right)
          + ', the bar at ' + px(edge) + ')');
      }
    });
  }
  document.body.setAttribute('data-layout-width', String(page));
  document.body.setAttribute('data-layout-problems', problems.join('; '));
})();
</script>
LAYOUT
layout_url="file://$work/layout.html"
# With scrollbars, as most desktop browsers draw them: at a 1280 px window the page is 1265 px wide.
layout_flags=()
for flag in "${flags[@]}"; do
  [[ "$flag" == --hide-scrollbars ]] || layout_flags+=("$flag")
done
# 500 px is the narrowest window headless Chromium opens, as wide as a phone held sideways.
for size in wide:1280 narrow:500; do
  mode="${size%%:*}" width="${size##*:}"
  if ! timeout 180 "$chromium" "${layout_flags[@]}" --user-data-dir="$work/profile-layout-$mode" \
      --window-size="$width,4000" --virtual-time-budget=10000 --dump-dom "$layout_url#$mode" \
      >"$work/layout-$mode.html" 2>"$work/layout-$mode.log"; then
    cat "$work/layout-$mode.log" >&2
    fail "Chromium could not render $report at $width px"
    continue
  fi
  layout_body="$(grep -o '<body[^>]*>' "$work/layout-$mode.html" | head -n 1 || true)"
  measured="$(sed -n 's/.*data-layout-width="\([0-9]*\)".*/\1/p' <<<"$layout_body")"
  if [[ -z "$measured" || "$measured" -gt "$width" || "$measured" -lt $((width - 20)) ]]; then
    fail "the layout check did not run at $width px (measured: ${measured:-nothing})"
    continue
  fi
  problems="$(sed -n 's/.*data-layout-problems="\([^"]*\)".*/\1/p' <<<"$layout_body" | sed 's/&quot;/"/g; s/&amp;/\&/g')"
  if [[ -n "$problems" ]]; then
    fail "at $width px: ${problems//; /$'\n'  }"
  fi
done

# 3. A screenshot: what a reader sees first (1280 px wide, the first 4000 px).
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
  "errors, fits 1280 px and 500 px); screenshot $screenshot"
