#!/usr/bin/env bash
# End-to-end test of the plugin archetype, as a plugin author uses it (README, "Writing an architecture plugin"):
#
#   1. the plugin API, the engine and the archetype, as "./mvnw verify" built them, installed into a temporary local
#      repository (never into ~/.m2);
#   2. a project generated from the archetype, built against them with its own tests (parameter count, training);
#   3. its jar in a plugin directory: listed by the real CLI and trained for one epoch on tiny data; run.json must
#      say completed, with the parameter count, and metrics.csv hold that epoch.
#
#   ci/archetype-e2e-test.sh            (after ./mvnw -B verify; budget: 2 min on 2 cores)
#
# The temporary repository takes what it can from ~/.m2/repository through a file:// repository, listed before
# Maven Central (a copy, not a download; TensorFlow's native jar included): the build before this test put nearly
# everything there. The rest comes from Maven Central into the temporary repository: the install plugin, which
# "./mvnw verify" never runs, on a machine whose ~/.m2 that build filled from nothing, as CI's.
#
# Environment: CIFAR10_DIR (data; default: tiny generated files in CIFAR-10's format), CONVBENCH_LAUNCHER (the CLI
# to test; default ./convbench), CONVBENCH_E2E_KEEP=1 (keep the work directory).
set -euo pipefail

E2E_NAME=archetype
source "$(dirname "${BASH_SOURCE[0]}")/e2e-frame.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export CONVBENCH_LAUNCHER="${CONVBENCH_LAUNCHER:-$repo/convbench}"
user_repository="$HOME/.m2/repository"
# The value of <name>…</name> in a POM's <properties>.
pom_property() {
  sed -n "s:.*<$2>\([^<]*\)</$2>.*:\1:p" "$1" | head -n 1
}

command -v python3 > /dev/null || fail "python3 is needed for the checks"
[[ -d "$user_repository" ]] || fail "$user_repository does not exist: run ./mvnw -B verify first"
for jar in harness/spi/target/convbench-spi-*.jar harness/engine/target/convbench-harness-*.jar \
    harness/plugin-archetype/target/convbench-plugin-archetype-*.jar; do
  compgen -G "$repo/$jar" > /dev/null || fail "$repo/$jar is missing: run ./mvnw -B verify first"
done
version="$(pom_property "$repo/pom.xml" version)"
spi_version="$(pom_property "$repo/pom.xml" convbench.spi.version)"
archetype_tools="$(pom_property "$repo/harness/plugin-archetype/pom.xml" archetype.tools.version)"
[[ -n "$version" && -n "$spi_version" && -n "$archetype_tools" ]] \
  || fail "cannot read the versions from pom.xml and harness/plugin-archetype/pom.xml"

work="$(mktemp -d /tmp/convbench-archetype-e2e.XXXXXX)"
touch "$work/started"
local_repository="$work/repository"
settings="$work/settings.xml"
# ~/.m2/repository as a remote repository: releases only, so that convbench's own snapshots come from the temporary
# repository alone and never from an old install there; its files were verified when they were downloaded.
cat > "$settings" << EOF_SETTINGS
<settings>
  <profiles>
    <profile>
      <id>user-repository</id>
      <repositories>
        <repository>
          <id>user-repository</id>
          <url>file://$user_repository</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>user-repository</id>
          <url>file://$user_repository</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles>
</settings>
EOF_SETTINGS
mvn_temp=("$repo/mvnw" -B -q -s "$settings" -Dmaven.repo.local="$local_repository")

# 1. What the README has a plugin author install first, into the temporary repository: the archetype, the engine
#    (the generated tests train with it) and what they depend on. The classes are the ones ./mvnw verify compiled
#    (maven.main.skip): compiling again would only redo that build's work.
"${mvn_temp[@]}" -f "$repo/pom.xml" install -Dmaven.test.skip=true -Dmaven.main.skip=true \
  -pl harness/engine,harness/plugin-archetype -am > "$work/install.log" 2>&1 \
  || { tail -n 40 "$work/install.log" >&2; fail "installing into the temporary repository failed (log above)"; }
log "archetype, plugin API and engine installed into $local_repository ($((SECONDS - started)) s)"

# 2. A project from the archetype, with a class name and package of its own, built with its tests.
mkdir "$work/projects"
(cd "$work/projects" && "${mvn_temp[@]}" "org.apache.maven.plugins:maven-archetype-plugin:$archetype_tools:generate" \
  -DarchetypeGroupId=dev.convbench -DarchetypeArtifactId=convbench-plugin-archetype -DarchetypeVersion="$version" \
  -DgroupId=org.example -DartifactId=tiny-net -Dversion=1.0 -Dpackage=org.example.nets -DclassName=TinyNet) \
  > "$work/generate.log" 2>&1 || { cat "$work/generate.log" >&2; fail "archetype:generate failed (log above)"; }
project="$work/projects/tiny-net"
for file in pom.xml src/main/java/org/example/nets/TinyNet.java src/test/java/org/example/nets/TinyNetTest.java; do
  [[ -f "$project/$file" ]] || fail "the generated project lacks $file: $(cd "$project" && find . -type f)"
done
services="$project/src/main/resources/META-INF/services/dev.convbench.spi.ArchitecturePlugin"
grep -qx "org.example.nets.TinyNet" "$services" || fail "$services does not name org.example.nets.TinyNet"

(cd "$project" && "${mvn_temp[@]}" verify) > "$work/verify.log" 2>&1 \
  || { tail -n 60 "$work/verify.log" >&2; fail "the generated project's build or tests failed (log above)"; }
tests="$(cat "$project"/target/surefire-reports/TEST-*.xml | grep -o '<testsuite [^>]*' || true)"
[[ "$tests" == *'tests="3"'* && "$tests" == *'failures="0"'* && "$tests" == *'errors="0"'* \
  && "$tests" == *'skipped="0"'* ]] || fail "the generated tests did not all run and pass: $tests"
jar="$project/target/tiny-net.jar"
[[ -f "$jar" ]] || fail "no $jar (the pom's finalName): $(ls "$project/target")"
manifest="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r')"
grep -qx "Convbench-SPI-Version: $spi_version" <<< "$manifest" \
  || fail "the jar's manifest does not name plugin API $spi_version: $manifest"
classes="$(unzip -Z1 "$jar" | grep '\.class$')"
[[ "$classes" == "org/example/nets/TinyNet.class" ]] || fail "the jar should hold the plugin class alone: $classes"
log "generated project built, 3 tests passed, jar and manifest checked ($((SECONDS - started)) s)"

# 3. The jar in a plugin directory, as the README has it: listed, then trained for one epoch.
mkdir "$work/plugins"
cp "$jar" "$work/plugins/"
"$CONVBENCH_LAUNCHER" list --plugins "$work/plugins" > "$work/list.txt" 2> "$work/list.log" \
  || { cat "$work/list.log" >&2; fail "convbench list --plugins failed"; }
grep -q "tiny-net" "$work/list.txt" || fail "convbench list does not show tiny-net: $(cat "$work/list.txt")"

e2e_data 100
cat > "$work/tiny-net.yaml" << 'EOF_YAML'
name: archetype-e2e
dataset: {train-subset: 100, test-subset: 100}
defaults: {epochs: 1, batch-size: 50}
architectures:
  tiny-net: {width: 16}
matrix: {architecture: [tiny-net]}
EOF_YAML
"$CONVBENCH_LAUNCHER" run "$work/tiny-net.yaml" --plugins "$work/plugins" --data-dir "$CIFAR10_DIR" --allow-partial-data \
  --out "$work/results" --no-report > /dev/null 2> "$work/run.log" \
  || { tail -n 20 "$work/run.log" >&2; fail "training tiny-net failed"; }

python3 - "$work/results" "$jar" << 'PY' || fail "run checks failed (problems above)"
import csv, glob, json, math, os, sys

results, jar = sys.argv[1:]
problems = []
runs = glob.glob(os.path.join(results, "*", "run.json"))
if len(runs) != 1:
    print(f"e2e-archetype:   expected one run.json under {results}, found {runs}", file=sys.stderr)
    sys.exit(1)
with open(runs[0]) as f:
    run = json.load(f)
if run.get("status") != "completed":
    problems.append(f"status {run.get('status')!r}: {run.get('errorMessage')!r}")
# Width 16: 3·9·16 + 2·16 + 16·9·32 + 2·32 + 32·10+10, counted as the generated test's comment counts width 32.
if run.get("trainableParameters") != 5466:
    problems.append(f"trainableParameters {run.get('trainableParameters')!r}, expected 5466")
if not (run.get("pluginOrigin") or "").endswith("/" + os.path.basename(jar)):
    problems.append(f"pluginOrigin {run.get('pluginOrigin')!r} is not the plugin jar")
with open(os.path.join(os.path.dirname(runs[0]), "metrics.csv"), newline="") as f:
    epochs = list(csv.DictReader(f))
if [e.get("epoch") for e in epochs] != ["1"]:
    problems.append(f"metrics.csv holds epochs {[e.get('epoch') for e in epochs]}, expected 1")
for e in epochs:
    for key in ("train_loss", "test_loss"):
        if not 0 < float(e[key]) < math.inf:
            problems.append(f"metrics.csv: {key} {e[key]}")
    for key in ("train_accuracy", "test_accuracy"):
        if not 0 <= float(e[key]) <= 1:
            problems.append(f"metrics.csv: {key} {e[key]}")
for p in problems:
    print("e2e-archetype:   " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
log "tiny-net listed and trained one epoch: run.json completed with its metrics"

# Nothing of this test landed in ~/.m2.
touched="$(find "$user_repository/dev/convbench" "$user_repository/archetype-catalog.xml" -newer "$work/started" \
  2> /dev/null | head -n 5 || true)"
[[ -z "$touched" ]] || fail "files in $user_repository changed during the test: $touched"

log "PASS"
