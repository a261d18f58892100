#!/usr/bin/env bash
# End-to-end test of the history and the published site, with the real CLI and the real scripts of ci/, as the
# workflow runs them on pushes to main:
#
#   1. two CI jobs, each: train a tiny experiment (2 architectures × 2 seeds), fetch the history branch from a local
#      bare repository standing in for GitHub (ci/history-branch.sh), time the yardstick and add an entry
#      (ci/history-append.sh), push the branch; the commits are made-up hashes, labelled as such on the page;
#   2. the site from the last job's results and the fetched history (ci/publish-site.sh);
#   3. checks: both entries on the remote branch, valid JSON with the expected cells and the speed ratio computed
#      from the yardstick; the trend page with one chart per cell and metric, its table and machines; the index page
#      linking the report and the history; a damaged entry skipped with a warning naming it; bad input exit 2.
#
#   ci/site-e2e-test.sh            (budget: 2 min on 2 cores)
#
# Environment: CIFAR10_DIR (data; default: tiny generated files in CIFAR-10's format), CONVBENCH_LAUNCHER (the CLI
# to test; default ./convbench), CONVBENCH_E2E_KEEP=1 (keep the work directory).
set -euo pipefail

E2E_NAME=site
source "$(dirname "${BASH_SOURCE[0]}")/e2e-frame.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export CONVBENCH_LAUNCHER="${CONVBENCH_LAUNCHER:-$repo/convbench}"
command -v python3 > /dev/null || fail "python3 is needed for the checks"
work="$(mktemp -d /tmp/convbench-site-e2e.XXXXXX)"

"$CONVBENCH_LAUNCHER" --version > /dev/null || fail "$CONVBENCH_LAUNCHER --version failed"

e2e_data 200

# The target is low enough that the runs reach it, so that time to target has points to draw.
experiment="$work/site-e2e.yaml"
cat > "$experiment" << 'EOF_YAML'
name: site-e2e
dataset: {train-subset: 300, test-subset: 200, allow-partial: true}
defaults: {epochs: 2, batch-size: 50, log-every-steps: 5, target-accuracy: 10%}
matrix: {architecture: [baseline-cnn, lenet5]}
seeds: [1, 2]
EOF_YAML

# GitHub's side: a bare repository holding the code's branch; each job works in a fresh clone of it.
git init -q --bare "$work/remote.git"
git init -q "$work/seed"
git -C "$work/seed" -c user.name=e2e -c user.email=e2e@example.org commit -q --allow-empty -m "code"
git -C "$work/seed" push -q "$work/remote.git" HEAD:refs/heads/main

commit_a=1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
commit_b=2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb

# One CI job on main: train, fetch the history branch, append, push.
ci_job() {
  local name="$1" commit="$2" clone="$work/job-$1"
  git clone -q --branch main "$work/remote.git" "$clone"
  "$CONVBENCH_LAUNCHER" run "$experiment" --out "$clone/results" > /dev/null 2> "$work/run-$name.log" \
    || { tail -n 20 "$work/run-$name.log" >&2; fail "job $name: training failed"; }
  # Chained with &&: in a subshell followed by ||, set -e would not stop at a failing step.
  (
    cd "$clone" && bash "$here/history-branch.sh" fetch history \
      && CONVBENCH_COMMIT="$commit" CONVBENCH_BRANCH=main CONVBENCH_COMMIT_LABEL="made-up $name" \
        bash "$here/history-append.sh" history results > /dev/null \
      && bash "$here/history-branch.sh" push history "history for $commit"
  ) 2> "$work/job-$name.log" || { cat "$work/job-$name.log" >&2; fail "job $name: history append failed"; }
  log "job $name done ($((SECONDS - started)) s)"
}
ci_job A "$commit_a"
ci_job B "$commit_b"

# The publishing step: the history as the remote branch has it now, and the latest job's results.
site_clone="$work/job-site"
git clone -q --branch main "$work/remote.git" "$site_clone"
(cd "$site_clone" && bash "$here/history-branch.sh" fetch history) 2> "$work/fetch.log" \
  || { cat "$work/fetch.log" >&2; fail "fetching the history branch failed"; }
history_dir="$site_clone/history"
CONVBENCH_COMMIT="$commit_b" bash "$here/publish-site.sh" "$work/site" "$work/job-B/results" "$history_dir" \
  2> "$work/site.log" || { cat "$work/site.log" >&2; fail "publish-site.sh failed"; }

python3 - "$history_dir" "$work/site" "$commit_a" "$commit_b" << 'PY' || fail "site checks failed (problems above)"
import glob, json, os, re, sys
from html.parser import HTMLParser

history, site, commit_a, commit_b = sys.argv[1:]
problems = []
cells = {"baseline-cnn", "lenet5"}
metrics = ["accuracy", "time-to-target", "speed"]

entries = sorted(glob.glob(os.path.join(history, "site-e2e", "*.json")))
if len(entries) != 2:
    problems.append(f"expected 2 entry files under history/site-e2e, found {entries}")
commits = []
for path in entries:
    name = os.path.basename(path)
    with open(path) as f:
        e = json.load(f)
    commits.append(e.get("commit"))
    if not re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{7}\.json", name) or not name[:-5].endswith(e["commit"][:7]):
        problems.append(f"{name}: not named <UTC time>-<short commit>.json")
    if e.get("format") != "convbench-history" or e.get("formatVersion") != 1:
        problems.append(f"{name}: format {e.get('format')!r} version {e.get('formatVersion')!r}")
    if e.get("branch") != "main" or not (e.get("label") or "").startswith("made-up"):
        problems.append(f"{name}: branch {e.get('branch')!r}, label {e.get('label')!r}")
    if not e.get("machines") or not e["machines"][0].get("cpuModel"):
        problems.append(f"{name}: no machine description")
    y = e.get("yardstick") or {}
    if y.get("architecture") != "baseline-cnn" or y.get("batchSize") != 64 or y.get("timedSteps") != 30:
        problems.append(f"{name}: yardstick {y}")
    if not (0 < y.get("p25StepMs", 0) <= y.get("medianStepMs", 0) <= y.get("p75StepMs", 0)):
        problems.append(f"{name}: yardstick quartiles out of order: {y}")
    labels = {c["label"] for c in e.get("cells", [])}
    if labels != cells:
        problems.append(f"{name}: cells {labels}, expected {cells}")
    for c in e.get("cells", []):
        acc = c.get("finalAccuracy") or {}
        if acc.get("n") != 2 or not 0 <= acc.get("score", -1) <= 1 or len(acc.get("interval", [])) != 2:
            problems.append(f"{name} {c['label']}: final accuracy {acc}")
        if c.get("completedRuns") != 2:
            problems.append(f"{name} {c['label']}: {c.get('completedRuns')} completed runs, expected 2")
        ips, ratio = c.get("imagesPerSecond") or {}, c.get("relativeThroughput") or {}
        expected = ips.get("score", 0) / y.get("imagesPerSecond", float("nan"))
        if not ratio or abs(ratio.get("score", 0) - expected) > 1e-9 * max(1, expected):
            problems.append(f"{name} {c['label']}: relative throughput {ratio}, expected {expected}")
        step = c.get("stepSeconds") or {}
        if not step or abs(step["score"] * ips["score"] / 50 - 1) > 0.25:
            problems.append(f"{name} {c['label']}: step time {step} does not match {ips} at batch 50")
        for key in ("epochsToTarget", "secondsToTarget"):
            m = c.get(key)
            if m is not None and (m["n"] > 2 or m["score"] <= 0):
                problems.append(f"{name} {c['label']}: {key} {m}")
if sorted(commits) != sorted([commit_a, commit_b]):
    problems.append(f"entries of commits {commits}, expected {commit_a} and {commit_b}")

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.svgs, self.links, self.rows, self.in_entries = set(), [], [], 0, False
        self.text = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "svg":
            self.svgs.append(a.get("id"))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "section":
            self.in_entries = a.get("id") == "entries"
        if tag == "tr" and self.in_entries:
            self.rows += 1
    def handle_data(self, data):
        self.text.append(data)

def page(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p

trend = os.path.join(site, "history", "index.html")
if not os.path.isfile(trend):
    problems.append("site/history/index.html missing")
else:
    p = page(trend)
    expected = [f"trend-1-{c}-{m}" for c in (1, 2) for m in metrics]
    if sorted(s for s in p.svgs if s) != sorted(expected):
        problems.append(f"trend charts {p.svgs}, expected one per cell and metric: {expected}")
    text = " ".join(p.text)
    for label in cells | {commit_a[:7] + " made-up A", commit_b[:7] + " made-up B"}:
        if label not in text:
            problems.append(f"trend page does not name {label!r}")
    # The header row and one row per entry and cell.
    if p.rows != 1 + 2 * len(cells):
        problems.append(f"entries table has {p.rows} rows, expected {1 + 2 * len(cells)}")
    if "Intel" not in text and "AMD" not in text and "×" not in text:
        problems.append("no machine listed")
    for section in ("trends", "entries", "yardstick", "machines"):
        if section not in p.ids:
            problems.append(f"trend page has no section {section}")

index = os.path.join(site, "index.html")
if not os.path.isfile(index):
    problems.append("site/index.html missing")
else:
    links = page(index).links
    for target in ("report/index.html", "history/index.html"):
        if target not in links:
            problems.append(f"index does not link {target}: {links}")
        elif not os.path.isfile(os.path.join(site, target)):
            problems.append(f"index links {target}, which is not in the site")
if not os.path.isfile(os.path.join(site, "report", "results.json")):
    problems.append("site/report/results.json missing")

for p in problems:
    print("e2e-site:   " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
log "entries, trend page and index checked"

# The branch on the remote holds the two entries and nothing else (no code).
branch_files="$(git -C "$work/remote.git" ls-tree -r --name-only convbench-history)"
[[ "$(grep -c '^site-e2e/[0-9TZ]*-[0-9a-f]\{7\}\.json$' <<< "$branch_files")" -eq 2 \
  && "$(wc -l <<< "$branch_files")" -eq 2 ]] || fail "convbench-history holds: $branch_files"

# Two jobs that fetched the same history push one after the other: the second push is rejected, rebased and
# retried, and both new files arrive (entries never conflict).
for job in C D; do
  git clone -q --branch main "$work/remote.git" "$work/job-$job"
  (cd "$work/job-$job" && bash "$here/history-branch.sh" fetch history) 2> /dev/null || fail "job $job: fetch failed"
done
second=1
for job in C D; do
  cp "$(ls "$history_dir"/site-e2e/*.json | head -n 1)" "$work/job-$job/history/site-e2e/20990101T00000${second}Z-abcdef0.json"
  second=$((second + 1))
  (cd "$work/job-$job" && bash "$here/history-branch.sh" push history "job $job") 2> "$work/push-$job.log" \
    || { cat "$work/push-$job.log" >&2; fail "job $job: push failed"; }
done
grep -q "push rejected" "$work/push-D.log" || fail "the second push was not rejected first: $(cat "$work/push-D.log")"
[[ "$(git -C "$work/remote.git" ls-tree -r --name-only convbench-history | wc -l)" -eq 4 ]] \
  || fail "after two racing pushes: $(git -C "$work/remote.git" ls-tree -r --name-only convbench-history)"
log "history branch: entries only; racing pushes both arrive"

# A damaged entry is skipped with a warning naming it; the page is still written from the others.
damaged="$history_dir/site-e2e/20260101T000000Z-3333333.json"
echo '{"format": "convbench-history", "commit": ' > "$damaged"
"$CONVBENCH_LAUNCHER" history report "$history_dir" --out "$work/site-damaged" > /dev/null 2> "$work/damaged.log" \
  || { cat "$work/damaged.log" >&2; fail "history report failed on a damaged entry"; }
grep -q "warning: .*20260101T000000Z-3333333.json.*entry skipped" "$work/damaged.log" \
  || { cat "$work/damaged.log" >&2; fail "no warning naming the damaged entry"; }
grep -q "20260101T000000Z-3333333.json" "$work/site-damaged/index.html" || fail "the page does not list the skipped entry"
[[ "$(grep -o 'id="trend-1-[12]-[a-z-]*"' "$work/site-damaged/index.html" | sort -u | wc -l)" -eq 6 ]] \
  || fail "the page from the readable entries lacks charts"

# Bad input: one line, exit 2.
status=0
"$CONVBENCH_LAUNCHER" history add "$work/h" --summary "$work/job-B/results/results.json" --commit not-a-hash \
  > /dev/null 2> "$work/bad.log" || status=$?
[[ $status -eq 2 && "$(wc -l < "$work/bad.log")" -eq 1 ]] || { cat "$work/bad.log" >&2; fail "bad --commit: exit $status"; }
status=0
"$CONVBENCH_LAUNCHER" history report "$work/no-such-history" --out "$work/x" > /dev/null 2> "$work/bad.log" || status=$?
[[ $status -eq 2 && "$(wc -l < "$work/bad.log")" -eq 1 ]] || { cat "$work/bad.log" >&2; fail "missing history: exit $status"; }

# A pull request's comparison as the workflow makes it (ci/pr-report.sh → ci/pr-comparison.sh → convbench compare),
# on the two jobs' results: the same code and seeds on both sides, so no cell may change significantly and the
# accuracy gate passes; the Markdown goes to the job summary file the workflow would show.
summary_file="$work/step-summary.md"
status=0
GITHUB_STEP_SUMMARY="$summary_file" bash "$here/pr-report.sh" "$work/job-A/results" "$work/job-B/results" \
  "$work/comparison" --base-name "base $commit_a" --new-name "head $commit_b" --fail-on accuracy-drop=1pp --allow-underpowered \
  > /dev/null 2> "$work/compare.log" || status=$?
[[ $status -eq 0 ]] || { cat "$work/compare.log" >&2; fail "pr-report.sh: exit $status on two runs of the same code"; }
for file in "$summary_file" "$work/comparison/comparison.md"; do
  grep -q "base $commit_a" "$file" || fail "$file does not name the base commit"
  # On the tiny generated data both seeds may end at the same accuracy: then the gate cannot test the cell, and
  # --allow-underpowered lets it pass untested; on real data the seeds differ and the gate is tested.
  grep -q "^## convbench compare: ✅ gates passed$" "$file" || { cat "$file" >&2; fail "$file: the gates did not pass"; }
  grep -Eq "^\| baseline-cnn \| .* \| (✅ passed|⚠️ \`accuracy-drop=1pp\` untested \(cannot test: no spread over seeds on either side\)) \|$" \
    "$file" || { cat "$file" >&2; fail "$file: baseline-cnn's gate neither passed nor was untestable for want of spread"; }
  grep -q "^| lenet5 | " "$file" || fail "$file: no row for lenet5"
done
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["format"] == "convbench-comparison", d' \
  "$work/comparison/comparison.json" || fail "comparison.json is not a comparison record"
log "pull-request comparison: gate passed on identical code, Markdown in the job summary"

log "PASS"
