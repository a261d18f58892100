package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The cluster templates under {@code ci/} checked without a cluster: the Kubernetes manifests, the GitHub Actions
 * workflow, the Containerfile and the Slurm scripts must say what the README says they do, name files that exist,
 * and parse. (ci/cluster/slurm/e2e-test.sh runs the Slurm scripts for real.)
 */
class ClusterTemplatesTest {

  private static final Path REPO = repositoryRoot();
  private static final Path KUBERNETES = REPO.resolve("ci/cluster/kubernetes");
  private static final Path SLURM = REPO.resolve("ci/cluster/slurm");

  @Test
  void indexedJobShardsIntoAReadWriteManyResultsVolume() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments(KUBERNETES.resolve("convbench-indexed-job.yaml"));
    Map<String, Object> job = only(docs, "Job");
    Map<String, Object> spec = map(job, "spec");
    assertEquals("Indexed", spec.get("completionMode"));
    int completions = (Integer) spec.get("completions");
    assertEquals(4, completions);
    assertEquals(2, spec.get("parallelism"));
    assertTrue((Integer) spec.get("backoffLimitPerIndex") > 0, "retries per index");
    assertTrue(spec.get("maxFailedIndexes") instanceof Integer, "maxFailedIndexes");

    Map<String, Object> podSpec = map(map(spec, "template"), "spec");
    // podFailurePolicy and per-index retries need restartPolicy Never.
    assertEquals("Never", podSpec.get("restartPolicy"));
    Map<String, Object> container = onlyContainer(podSpec);
    List<String> args = strings(container.get("args"));
    assertEquals("run", args.get(0));
    assertEquals("auto", args.get(args.indexOf("--shard") + 1));
    assertEquals(String.valueOf(completions), args.get(args.indexOf("--shards") + 1),
        "--shards must equal completions");
    Map<String, Object> requests = map(map(container, "resources"), "requests");
    assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), "resource requests: " + requests);
    assertTrue(envNames(container).contains("CIFAR10_DIR"), "data directory from the environment");

    // --out is on the results volume, which is the ReadWriteMany claim of this file.
    String out = args.get(args.indexOf("--out") + 1);
    String claim = claimMountedAt(podSpec, container, out);
    Map<String, Object> pvc = docs.stream().filter(d -> "PersistentVolumeClaim".equals(d.get("kind")))
        .filter(d -> claim.equals(map(d, "metadata").get("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no PersistentVolumeClaim " + claim + " in the file"));
    assertTrue(strings(map(pvc, "spec").get("accessModes")).contains("ReadWriteMany"), "results shared by all pods");

    assertTrue(Files.readString(KUBERNETES.resolve("convbench-indexed-job.yaml")).contains("nvidia.com/gpu: 1"),
        "the GPU limit, commented out");
  }

  @Test
  void reportJobReadsTheSameResultsVolume() throws IOException {
    Map<String, Object> job = only(yamlDocuments(KUBERNETES.resolve("convbench-report-job.yaml")), "Job");
    Map<String, Object> podSpec = map(map(map(job, "spec"), "template"), "spec");
    Map<String, Object> container = onlyContainer(podSpec);
    List<String> args = strings(container.get("args"));
    assertEquals("report", args.get(0));
    assertEquals("convbench-results", claimMountedAt(podSpec, container, args.get(1)));

    // Every manifest parses, and the run script applies the files that exist.
    String run = Files.readString(KUBERNETES.resolve("run.sh"));
    Matcher m = Pattern.compile("manifest ([\\w.-]+\\.yaml)").matcher(run);
    int named = 0;
    while (m.find()) {
      assertFalse(yamlDocuments(KUBERNETES.resolve(m.group(1))).isEmpty(), m.group(1));
      named++;
    }
    assertTrue(named >= 3, "run.sh applies the indexed, data and report jobs");
  }

  @Test
  void workflowHasShardJobsAndAMergeJob() throws IOException {
    Map<String, Object> workflow = yamlDocuments(REPO.resolve("ci/github-actions.yml")).get(0);
    Map<String, Object> jobs = map(workflow, "jobs");
    assertTrue(jobs.containsKey("test-and-report"), "the existing job is kept");

    Map<String, Object> shard = map(jobs, "shard");
    assertEquals(List.of(0, 1, 2), map(map(shard, "strategy"), "matrix").get("shard"));
    String shardRuns = String.join("\n", runs(shard));
    assertTrue(shardRuns.contains("--shard ${{ matrix.shard }}/3"), shardRuns);
    assertTrue(shardRuns.contains("--out results/shard-${{ matrix.shard }}"), shardRuns);
    assertTrue(uses(shard).contains("actions/upload-artifact@v4"), "the shard's results are uploaded");

    Map<String, Object> merge = map(jobs, "merge");
    Object needs = merge.get("needs");
    assertTrue("shard".equals(needs) || (needs instanceof List<?> l && l.contains("shard")), "merge needs: " + needs);
    assertTrue(uses(merge).contains("actions/download-artifact@v4"));
    assertTrue(String.join("\n", runs(merge)).contains("ci/merge-shards.sh"));
  }

  @Test
  void everyScriptNamedInTheWorkflowExists() throws IOException {
    Map<String, Object> jobs = map(yamlDocuments(REPO.resolve("ci/github-actions.yml")).get(0), "jobs");
    Pattern script = Pattern.compile("(?:\\bbash\\s+|(?<![\\w/.])\\./)(ci/[\\w./-]+)");
    TreeSet<String> named = new TreeSet<>();
    for (Object job : jobs.values()) {
      for (String run : runs(asMap(job))) {
        Matcher m = script.matcher(run);
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    assertTrue(named.containsAll(List.of("ci/publish-report.sh", "ci/merge-shards.sh")), "found: " + named);
    for (String path : named) {
      assertTrue(Files.isRegularFile(REPO.resolve(path)), "the workflow runs " + path + ", which does not exist");
    }
  }

  @Test
  void workflowKeepsTheHistoryOnMainAndComparesPullRequestsThroughScripts() throws IOException {
    Map<String, Object> jobs = map(yamlDocuments(REPO.resolve("ci/github-actions.yml")).get(0), "jobs");

    Map<String, Object> main = map(jobs, "test-and-report");
    assertEquals("write", map(main, "permissions").get("contents"), "pushing the history branch");
    List<String> onMain = steps(main).stream().filter(s -> String.valueOf(s.get("if")).contains("refs/heads/main"))
        .filter(s -> s.containsKey("run")).map(s -> String.valueOf(s.get("run"))).toList();
    assertEquals(List.of("bash ci/history-branch.sh fetch history", "bash ci/history-append.sh history results/ci",
        "bash ci/history-branch.sh push history \"history for ${{ github.sha }}\"",
        "bash ci/publish-site.sh public results/ci history"), onMain);

    Map<String, Object> pr = map(jobs, "pr-comparison");
    assertEquals("github.event_name == 'pull_request'", pr.get("if"));
    assertEquals("write", map(pr, "permissions").get("pull-requests"), "commenting on the pull request");
    List<Map<String, Object>> checkouts = steps(pr).stream()
        .filter(s -> "actions/checkout@v4".equals(s.get("uses"))).toList();
    assertEquals(List.of("head", "base"), checkouts.stream().map(s -> map(s, "with").get("path")).toList());
    assertEquals("${{ github.event.pull_request.base.sha }}", map(checkouts.get(1), "with").get("ref"));
    assertEquals(List.of("bash head/ci/pr-experiment.sh base results/base",
        "bash head/ci/pr-experiment.sh head results/head",
        "bash head/ci/pr-report.sh results/base results/head comparison --base-name \"base ${{ "
            + "github.event.pull_request.base.sha }}\" --new-name \"head ${{ github.event.pull_request.head.sha }}\" "
            + "--fail-on accuracy-drop=2pp --fail-on step-time=+15%"), runs(pr), "pull requests are gated");

    Pattern script = Pattern.compile("^bash (?:head/)?(ci/[\\w./-]+)");
    for (String run : java.util.stream.Stream.concat(onMain.stream(), runs(pr).stream()).toList()) {
      Matcher m = script.matcher(run);
      assertTrue(m.find(), "a step that is not a script of ci/: " + run);
      assertTrue(Files.isRegularFile(REPO.resolve(m.group(1))), "the workflow runs " + m.group(1)
          + ", which does not exist");
    }
  }

  @Test
  void containerfileCopiesExistingSourcesAndItsEntryRunsTheCli() throws Exception {
    List<String> instructions = dockerInstructions(REPO.resolve("ci/cluster/Containerfile"));
    List<String> sources = new ArrayList<>();
    String entrySource = null;
    for (String instruction : instructions) {
      List<String> words = List.of(instruction.split("\\s+"));
      if (!words.get(0).equalsIgnoreCase("COPY") || words.stream().anyMatch(w -> w.startsWith("--from="))) {
        continue;
      }
      List<String> operands = words.subList(1, words.size()).stream().filter(w -> !w.startsWith("--")).toList();
      sources.addAll(operands.subList(0, operands.size() - 1));
      if (operands.get(operands.size() - 1).equals("/usr/local/bin/convbench")) {
        entrySource = operands.get(0);
      }
    }
    for (String source : sources) {
      assertTrue(Files.exists(REPO.resolve(source)), "COPY " + source + ": not in the repository");
    }
    // Every module of the build is copied (an aggregator's pom and its modules'), so a new module cannot be left
    // out of the image.
    int modules = 0;
    for (String top : modulesOf(REPO.resolve("pom.xml"))) {
      List<String> inner = modulesOf(REPO.resolve(top).resolve("pom.xml"));
      if (!inner.isEmpty()) {
        assertTrue(sources.contains(top + "/pom.xml"), "aggregator " + top + "'s pom is not copied");
      }
      for (String module : inner.isEmpty() ? List.of(top) : inner.stream().map(m -> top + "/" + m).toList()) {
        assertTrue(sources.contains(module + "/pom.xml") && sources.contains(module + "/src"),
            "module " + module + " is not copied into the build stage");
        modules++;
      }
    }
    assertEquals(8, modules, "spi, results, analysis, engine, cli, plugin-archetype, plugins, reports");

    assertNotNull(entrySource, "no COPY of the entry script to /usr/local/bin/convbench");
    String entry = Files.readString(REPO.resolve(entrySource));
    Matcher mainClass = Pattern.compile("-cp '([^']+)/\\*' ([\\w.]+) \"\\$@\"").matcher(entry);
    assertTrue(mainClass.find(), entry);
    assertEquals("dev.convbench.cli.Main", mainClass.group(2));
    Class.forName(mainClass.group(2)).getMethod("main", String[].class);
    // The build stage fills the directory the entry script puts on the classpath.
    String build = String.join("\n", instructions);
    assertTrue(build.contains("dependency:copy-dependencies") && build.contains("-DincludeScope=runtime"), build);
    assertTrue(build.contains("-DoutputDirectory=" + mainClass.group(1)),
        "dependencies copied to " + mainClass.group(1));
    assertTrue(instructions.stream().anyMatch(i -> i.matches("(?i)USER\\s+\\w+") && !i.matches("(?i)USER\\s+root")),
        "runs as a non-root user");
  }

  @Test
  void slurmArrayScriptDeclaresArrayThrottleRequeueAndPerTaskOutput() throws IOException {
    List<String> lines = Files.readAllLines(SLURM.resolve("convbench-array.sbatch"));
    List<String> directives = sbatchDirectives(lines);
    assertTrue(directives.stream().anyMatch(d -> d.matches("--array=\\d+-\\d+%\\d+")),
        "array with a throttle: " + directives);
    assertTrue(directives.contains("--requeue"), directives.toString());
    assertTrue(directives.stream().anyMatch(d -> d.startsWith("--output=") && d.contains("%A") && d.contains("%a")),
        "an output file per task: " + directives);
    for (String option : List.of("--cpus-per-task=", "--mem=", "--time=")) {
      assertTrue(directives.stream().anyMatch(d -> d.startsWith(option)), option + " in " + directives);
    }
    assertTrue(lines.contains("##SBATCH --gres=gpu:1"), "the GPU request, commented out");
    String text = String.join("\n", lines);
    assertTrue(text.contains("--shard auto") && text.contains("--shards"), "convbench run --shard auto [--shards N]");
    // Slurm runs a copy of the script from its spool directory: the checkout comes from the environment.
    assertTrue(text.contains("SLURM_SUBMIT_DIR") && text.contains("CONVBENCH_HOME"));
    assertFalse(text.contains("dirname \"$0\"") || text.contains("BASH_SOURCE"), "the script's own path is the spool");

    assertTrue(String.join("\n", sbatchDirectives(Files.readAllLines(SLURM.resolve("convbench-report.sbatch"))))
        .contains("--output="));
    assertTrue(Files.readString(SLURM.resolve("convbench-report.sbatch")).contains("\" report \"$OUT\""));
    String submit = Files.readString(SLURM.resolve("submit.sh"));
    assertTrue(submit.contains("--parsable") && submit.contains("--dependency=\"afterany:$array_job\""), submit);
  }

  @Test
  void everyShellScriptUnderCiClusterParses() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(REPO.resolve("ci/cluster"))) {
      scripts = new ArrayList<>(files.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".sh") || p.toString().endsWith(".sbatch")).sorted().toList());
    }
    scripts.add(REPO.resolve("ci/merge-shards.sh"));
    assertTrue(scripts.size() >= 8, "scripts found: " + scripts);
    for (Path script : scripts) {
      Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, bash.waitFor(), "bash -n " + REPO.relativize(script) + ":\n" + output);
      assertTrue(Files.readString(script).contains("set -eu"), REPO.relativize(script) + " stops on errors");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("ci/cluster")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root with ci/cluster above " + Path.of("").toAbsolutePath());
  }

  private static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(Files.readString(file))) {
      if (doc != null) {
        docs.add(asMap(doc));
      }
    }
    return docs;
  }

  private static Map<String, Object> only(List<Map<String, Object>> docs, String kind) {
    List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      fail("expected a mapping, got " + value);
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    ((Map<Object, Object>) value).forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    assertTrue(parent.containsKey(key), "no '" + key + "' in " + parent.keySet());
    return asMap(parent.get(key));
  }

  private static List<String> strings(Object value) {
    assertTrue(value instanceof List<?>, "expected a list, got " + value);
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> onlyContainer(Map<String, Object> podSpec) {
    List<?> containers = (List<?>) podSpec.get("containers");
    assertEquals(1, containers.size());
    return asMap(containers.get(0));
  }

  private static List<String> envNames(Map<String, Object> container) {
    return ((List<?>) container.get("env")).stream().map(e -> String.valueOf(asMap(e).get("name"))).toList();
  }

  /** The claim name of the persistent volume mounted at the directory that holds {@code path}. */
  private static String claimMountedAt(Map<String, Object> podSpec, Map<String, Object> container, String path) {
    for (Object m : (List<?>) container.get("volumeMounts")) {
      Map<String, Object> mount = asMap(m);
      String at = String.valueOf(mount.get("mountPath"));
      if (path.equals(at) || path.startsWith(at + "/")) {
        assertFalse(Boolean.TRUE.equals(mount.get("readOnly")), "results mount is read-only");
        for (Object v : (List<?>) podSpec.get("volumes")) {
          Map<String, Object> volume = asMap(v);
          if (volume.get("name").equals(mount.get("name"))) {
            return String.valueOf(map(volume, "persistentVolumeClaim").get("claimName"));
          }
        }
      }
    }
    throw new AssertionError("no volume mounted at " + path);
  }

  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    return ((List<?>) job.get("steps")).stream().map(ClusterTemplatesTest::asMap).toList();
  }

  private static List<String> runs(Map<String, Object> job) {
    return job.containsKey("steps")
        ? steps(job).stream().filter(s -> s.containsKey("run")).map(s -> String.valueOf(s.get("run"))).toList()
        : List.of();
  }

  private static List<String> uses(Map<String, Object> job) {
    return steps(job).stream().filter(s -> s.containsKey("uses")).map(s -> String.valueOf(s.get("uses"))).toList();
  }

  private static List<String> modulesOf(Path pom) throws IOException {
    Matcher module = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(Files.readString(pom));
    List<String> names = new ArrayList<>();
    while (module.find()) {
      names.add(module.group(1));
    }
    return names;
  }

  /** Containerfile instructions, continuation lines joined, comments dropped. */
  private static List<String> dockerInstructions(Path file) throws IOException {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (!continues) {
        instructions.add(current.toString().strip());
        current.setLength(0);
      }
    }
    return instructions;
  }

  /**
   * The #SBATCH options of a batch script. sbatch reads them only up to the first command, so one after it is an
   * error here rather than silently ignored.
   */
  private static List<String> sbatchDirectives(List<String> lines) {
    List<String> directives = new ArrayList<>();
    boolean commandSeen = false;
    for (String line : lines.subList(1, lines.size())) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#SBATCH")) {
        assertFalse(commandSeen, "#SBATCH after the first command is ignored by sbatch: " + line);
        directives.add(trimmed.substring("#SBATCH".length()).strip());
      } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        commandSeen = true;
      }
    }
    return directives;
  }
}
