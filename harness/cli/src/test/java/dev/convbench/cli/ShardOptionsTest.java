package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.run.Shard;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ShardOptionsTest {

  @Command(name = "sharded")
  static final class ShardedCommand {
    @Mixin
    ShardOptions options;
  }

  static final Map<String, String> NO_ENV = Map.of();

  static Optional<Shard> select(Map<String, String> env, String... args) {
    ShardedCommand command = new ShardedCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.selected(new CommandContext(System.out, System.err, env, Path.of("."), false));
  }

  static String shard(Map<String, String> env, String... args) {
    return select(env, args).map(Shard::toString).orElse("all");
  }

  static String error(Map<String, String> env, String... args) {
    return assertThrows(UserInputException.class, () -> select(env, args)).getMessage();
  }

  static Map<String, String> slurm(String id, String min, String count) {
    return Map.of("SLURM_ARRAY_TASK_ID", id, "SLURM_ARRAY_TASK_MIN", min, "SLURM_ARRAY_TASK_COUNT", count);
  }

  static Map<String, String> slurm(String id, String min, String count, String step) {
    return Map.of("SLURM_ARRAY_TASK_ID", id, "SLURM_ARRAY_TASK_MIN", min, "SLURM_ARRAY_TASK_COUNT", count,
        "SLURM_ARRAY_TASK_STEP", step);
  }

  @Test
  void withoutOptionsEveryRunIsSelected() {
    assertEquals("all", shard(slurm("3", "0", "4")));
  }

  @Test
  void explicitShardsCountFromZero() {
    assertEquals("0/4", shard(NO_ENV, "--shard", "0/4"));
    assertEquals("3/4", shard(NO_ENV, "--shard", "3/4"));
    assertEquals("0/1", shard(NO_ENV, "--shard", "0/1"));
    assertEquals(new Shard(2, 5), select(NO_ENV, "--shard=2/5").orElseThrow());
    assertEquals("1/4", shard(slurm("3", "0", "8"), "--shard", "1/4"), "the environment is read only for auto");
  }

  @Test
  void explicitShardErrors() {
    assertEquals("shard index 2 is out of range for 2 shards: use 0..1", error(NO_ENV, "--shard", "2/2"));
    assertEquals("shard index -1 is out of range for 2 shards: use 0..1", error(NO_ENV, "--shard", "-1/2"));
    assertEquals("shard index -0 is out of range for 2 shards: use 0..1", error(NO_ENV, "--shard", "-0/2"));
    assertEquals("shard index 1 is out of range for 1 shard: use 0", error(NO_ENV, "--shard", "1/1"));
    assertEquals("--shard 0/0: the number of shards must be from 1 to 2147483647", error(NO_ENV, "--shard", "0/0"));
    assertEquals("--shard 1/-3: the number of shards must be from 1 to 2147483647",
        error(NO_ENV, "--shard", "1/-3"));
    assertEquals("--shard 0/3000000000: the number of shards must be from 1 to 2147483647",
        error(NO_ENV, "--shard", "0/3000000000"));
    for (String bad : new String[] {"x/3", "3", "1/2/3", "1 /2", "", "AUTO", "1.0/2"}) {
      assertEquals("--shard expects K/N (shard K of N, K counted from 0, e.g. 0/4) or auto, not '" + bad + "'",
          error(NO_ENV, "--shard", bad));
    }
  }

  @Test
  void shardsGoesOnlyWithAuto() {
    String message = "--shards 4 goes with --shard auto, where the scheduler gives only the index; with --shard K/N "
        + "the count is N";
    assertEquals(message, error(Map.of("JOB_COMPLETION_INDEX", "1"), "--shards", "4"));
    assertEquals(message, error(NO_ENV, "--shard", "1/4", "--shards", "4"));
  }

  @Test
  void slurmArraysGiveIndexFromTheTaskIdAndCountFromTheArray() {
    assertEquals("0/4", shard(slurm("0", "0", "4"), "--shard", "auto"));
    assertEquals("2/4", shard(slurm("3", "1", "4"), "--shard", "auto"), "--array=1-4");
    assertEquals("2/3", shard(slurm("5", "1", "3", "2"), "--shard", "auto"), "--array=1-5:2");
    assertEquals("3/4", shard(slurm("3", "0", "4", "1"), "--shard", "auto"));
    assertEquals("3/4", shard(slurm(" 3 ", "0", "4", "0"), "--shard", "auto"), "a step below 2 means 1");
  }

  @Test
  void slurmArrayErrors() {
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN are "
        + "not: add --shards N to take the task id as the shard index",
        error(Map.of("SLURM_ARRAY_TASK_ID", "2"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not: add --shards N to take "
        + "the task id as the shard index",
        error(Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "4"), "--shard", "auto"));
    // An array given as a list, --array=0,1,5: Slurm counts 3 tasks from 0.
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID=5 is not one of the array's tasks 0, 1, 2 "
        + "(SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_COUNT=3): submit a range such as --array=0-2, or add --shards N "
        + "to take the task id as the shard index", error(slurm("5", "0", "3"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID=4 is not one of the array's tasks 1, 3, …, 9 "
        + "(SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_STEP=2, SLURM_ARRAY_TASK_COUNT=5): submit a range such as "
        + "--array=0-4, or add --shards N to take the task id as the shard index",
        error(slurm("4", "1", "5", "2"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID=0 is not one of the array's tasks 2 (SLURM_ARRAY_TASK_MIN=2, "
        + "SLURM_ARRAY_TASK_COUNT=1): submit a range such as --array=0-0, or add --shards N to take the task id as "
        + "the shard index", error(slurm("0", "2", "1"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_COUNT must be at least 1, not 0",
        error(slurm("0", "0", "0"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID must be a whole number from 0 to 2147483647, not 'abc'",
        error(slurm("abc", "0", "4"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_COUNT must be a whole number from 0 to 2147483647, not '4.0'",
        error(slurm("1", "0", "4.0"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_MIN must be a whole number from 0 to 2147483647, not '-1'",
        error(slurm("1", "-1", "4"), "--shard", "auto"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_STEP must be a whole number from 0 to 2147483647, not 'two'",
        error(slurm("1", "0", "4", "two"), "--shard", "auto"));
  }

  @Test
  void withShardsTheSchedulerIndexIsTheShardIndex() {
    assertEquals("2/4", shard(Map.of("JOB_COMPLETION_INDEX", "2"), "--shard", "auto", "--shards", "4"));
    assertEquals("0/1", shard(Map.of("JOB_COMPLETION_INDEX", "0"), "--shard", "auto", "--shards", "1"));
    // sbatch --array=2 resubmits task 2 alone: Slurm says MIN=2, COUNT=1, but it is still shard 2 of 4.
    assertEquals("2/4", shard(slurm("2", "2", "1"), "--shard", "auto", "--shards", "4"));
    assertEquals("3/4", shard(Map.of("SLURM_ARRAY_TASK_ID", "3"), "--shard", "auto", "--shards", "4"));
    assertEquals("1/3", shard(Map.of("JOB_COMPLETION_INDEX", "", "SLURM_ARRAY_TASK_ID", "1"), "--shard", "auto",
        "--shards", "3"), "a blank variable counts as unset");
  }

  @Test
  void withShardsErrors() {
    assertEquals("--shard auto: JOB_COMPLETION_INDEX=4 is out of range for --shards 4: use 0..3",
        error(Map.of("JOB_COMPLETION_INDEX", "4"), "--shard", "auto", "--shards", "4"));
    assertEquals("--shard auto: SLURM_ARRAY_TASK_ID=4 is out of range for --shards 4 (with --shards the task id is "
        + "the shard index): use 0..3", error(slurm("4", "1", "4"), "--shard", "auto", "--shards", "4"));
    assertEquals("--shards must be at least 1, not 0",
        error(Map.of("JOB_COMPLETION_INDEX", "0"), "--shard", "auto", "--shards", "0"));
    assertEquals("--shard auto --shards 4: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor "
        + "SLURM_ARRAY_TASK_ID (Slurm job array) is set", error(NO_ENV, "--shard", "auto", "--shards", "4"));
    assertEquals("--shard auto --shards 4: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor "
        + "SLURM_ARRAY_TASK_ID (Slurm job array) is set",
        error(Map.of("SLURM_ARRAY_TASK_COUNT", "4"), "--shard", "auto", "--shards", "4"));
    assertEquals("--shard auto: JOB_COMPLETION_INDEX must be a whole number from 0 to 2147483647, not 'x'",
        error(Map.of("JOB_COMPLETION_INDEX", "x"), "--shard", "auto", "--shards", "4"));
    assertThrows(CommandLine.ParameterException.class, () -> select(NO_ENV, "--shard", "auto", "--shards", "x"));
  }

  @Test
  void autoNeedsASchedulerThatGivesTheCount() {
    assertEquals("--shard auto: JOB_COMPLETION_INDEX gives the shard index but not the number of shards: add "
        + "--shards N (the Job's completions)", error(Map.of("JOB_COMPLETION_INDEX", "1"), "--shard", "auto"));
    assertEquals("--shard auto: no shard in the environment; expected a Slurm job array (SLURM_ARRAY_TASK_ID, "
        + "SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with "
        + "--shards N); elsewhere use --shard K/N", error(Map.of("SLURM_JOB_ID", "77"), "--shard", "auto"));
  }

  @Test
  void twoSchedulersAtOnceAreRefused() {
    Map<String, String> both = Map.of("JOB_COMPLETION_INDEX", "1", "SLURM_ARRAY_TASK_ID", "1",
        "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4");
    String message = "--shard auto: both JOB_COMPLETION_INDEX (Kubernetes) and SLURM_ARRAY_TASK_ID (Slurm) are set, "
        + "so the scheduler is unclear: use --shard K/N";
    assertEquals(message, error(both, "--shard", "auto"));
    assertEquals(message, error(both, "--shard", "auto", "--shards", "4"));
  }
}
