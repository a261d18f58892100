package dev.convbench.cli;

import dev.convbench.run.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The {@code --shard} and {@code --shards} options: which shard of an experiment's runs this process takes, given
 * on the command line or read from the job scheduler's environment. Indices count from 0.
 *
 * <ul>
 *   <li>{@code --shard K/N}: shard K of N.</li>
 *   <li>{@code --shard auto} in a Slurm job array: K = (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) /
 *       SLURM_ARRAY_TASK_STEP (the step only when set and above 1), N = SLURM_ARRAY_TASK_COUNT; so
 *       {@code --array=1-4} and {@code --array=0-6:2} both give shards 0..3 of 4.</li>
 *   <li>{@code --shard auto --shards N}: K = JOB_COMPLETION_INDEX (Kubernetes Indexed Job), else
 *       SLURM_ARRAY_TASK_ID itself. With Slurm this resubmits one task of an array ({@code sbatch --array=2}
 *       alone has a task count of 1, and would otherwise run everything).</li>
 * </ul>
 *
 * <p>Anything else is a {@link UserInputException} of one line naming the option or variables at fault; in
 * particular a process never falls back to running every run when it was asked for a shard it cannot work out.
 */
final class ShardOptions {

  static final String SLURM_TASK_ID = "SLURM_ARRAY_TASK_ID";
  static final String SLURM_TASK_COUNT = "SLURM_ARRAY_TASK_COUNT";
  static final String SLURM_TASK_MIN = "SLURM_ARRAY_TASK_MIN";
  static final String SLURM_TASK_STEP = "SLURM_ARRAY_TASK_STEP";
  static final String KUBERNETES_INDEX = "JOB_COMPLETION_INDEX";

  private static final String AUTO = "auto";
  private static final Pattern INDEX_OF_COUNT = Pattern.compile("(-?\\d{1,18})/(-?\\d{1,18})");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

  @Option(names = "--shard", paramLabel = "K/N|auto",
      description = {"Run only shard K of N (K from 0: 0/4 … 3/4). Shards are balanced by estimated cost (see "
          + "'plan') and the same on every machine.",
          "auto: from a Slurm job array (" + SLURM_TASK_ID + ", _MIN, _STEP, _COUNT), or with --shards N from a "
              + "Kubernetes Indexed Job (" + KUBERNETES_INDEX + ")."})
  String shard;

  @Option(names = "--shards", paramLabel = "N",
      description = "With --shard auto: the number of shards, the index being " + KUBERNETES_INDEX + " or else "
          + SLURM_TASK_ID + " itself (to resubmit one task of an array, e.g. sbatch --array=2).")
  Integer shards;

  /**
   * The shard asked for, or empty when neither option was given (every run).
   *
   * @throws UserInputException when the options or the environment do not name exactly one valid shard
   */
  Optional<Shard> selected(CommandContext context) {
    if (shards != null && !AUTO.equals(shard)) {
      throw new UserInputException("--shards " + shards + " goes with --shard auto, where the scheduler gives only "
          + "the index; with --shard K/N the count is N");
    }
    if (shard == null) {
      return Optional.empty();
    }
    return Optional.of(AUTO.equals(shard) ? fromEnvironment(context.env()) : parse(shard));
  }

  private static Shard parse(String text) {
    Matcher m = INDEX_OF_COUNT.matcher(text);
    if (!m.matches()) {
      throw new UserInputException("--shard expects K/N (shard K of N, K counted from 0, e.g. 0/4) or auto, not '"
          + text + "'");
    }
    long index = Long.parseLong(m.group(1));
    long count = Long.parseLong(m.group(2));
    if (count < 1 || count > Integer.MAX_VALUE) {
      throw new UserInputException("--shard " + text + ": the number of shards must be from 1 to "
          + Integer.MAX_VALUE);
    }
    if (index < 0 || index >= count || m.group(1).startsWith("-")) { // "-0" is a typo, not shard 0
      throw new UserInputException("shard index " + m.group(1) + " is out of range for " + shardCount(count)
          + ": use " + indices(count));
    }
    return new Shard((int) index, (int) count);
  }

  private Shard fromEnvironment(Map<String, String> env) {
    Optional<String> kubernetesIndex = variable(env, KUBERNETES_INDEX);
    Optional<String> slurmTaskId = variable(env, SLURM_TASK_ID);
    if (kubernetesIndex.isPresent() && slurmTaskId.isPresent()) {
      // Running the wrong shard would repeat some runs and skip others; better to ask.
      throw new UserInputException("--shard auto: both " + KUBERNETES_INDEX + " (Kubernetes) and " + SLURM_TASK_ID
          + " (Slurm) are set, so the scheduler is unclear: use --shard K/N");
    }
    if (shards != null) {
      if (shards < 1) {
        throw new UserInputException("--shards must be at least 1, not " + shards);
      }
      if (kubernetesIndex.isPresent()) {
        int index = wholeNumber(KUBERNETES_INDEX, kubernetesIndex.get());
        if (index >= shards) {
          throw new UserInputException("--shard auto: " + KUBERNETES_INDEX + "=" + index + " is out of range for "
              + "--shards " + shards + ": use " + indices(shards));
        }
        return new Shard(index, shards);
      }
      if (slurmTaskId.isPresent()) {
        int index = wholeNumber(SLURM_TASK_ID, slurmTaskId.get());
        if (index >= shards) {
          throw new UserInputException("--shard auto: " + SLURM_TASK_ID + "=" + index + " is out of range for "
              + "--shards " + shards + " (with --shards the task id is the shard index): use " + indices(shards));
        }
        return new Shard(index, shards);
      }
      throw new UserInputException("--shard auto --shards " + shards + ": neither " + KUBERNETES_INDEX
          + " (Kubernetes Indexed Job) nor " + SLURM_TASK_ID + " (Slurm job array) is set");
    }
    if (slurmTaskId.isPresent()) {
      return fromSlurmArray(env, wholeNumber(SLURM_TASK_ID, slurmTaskId.get()));
    }
    if (kubernetesIndex.isPresent()) {
      throw new UserInputException("--shard auto: " + KUBERNETES_INDEX + " gives the shard index but not the "
          + "number of shards: add --shards N (the Job's completions)");
    }
    throw new UserInputException("--shard auto: no shard in the environment; expected a Slurm job array ("
        + SLURM_TASK_ID + ", " + SLURM_TASK_COUNT + ", " + SLURM_TASK_MIN + ") or a Kubernetes Indexed Job ("
        + KUBERNETES_INDEX + ", with --shards N); elsewhere use --shard K/N");
  }

  private static Shard fromSlurmArray(Map<String, String> env, int taskId) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(SLURM_TASK_COUNT, SLURM_TASK_MIN)) {
      if (variable(env, name).isEmpty()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserInputException("--shard auto: " + SLURM_TASK_ID + " is set but " + String.join(" and ", missing)
          + (missing.size() == 1 ? " is" : " are") + " not: add --shards N to take the task id as the shard index");
    }
    int count = wholeNumber(SLURM_TASK_COUNT, variable(env, SLURM_TASK_COUNT).get());
    int min = wholeNumber(SLURM_TASK_MIN, variable(env, SLURM_TASK_MIN).get());
    Optional<String> stepVariable = variable(env, SLURM_TASK_STEP);
    int step = Math.max(1, stepVariable.isPresent() ? wholeNumber(SLURM_TASK_STEP, stepVariable.get()) : 1);
    if (count < 1) {
      throw new UserInputException("--shard auto: " + SLURM_TASK_COUNT + " must be at least 1, not " + count);
    }
    long offset = (long) taskId - min;
    if (offset < 0 || offset % step != 0 || offset / step >= count) {
      // A task id off the MIN + k × STEP grid: an array given as a list (--array=1,4,9) or a resubmitted task.
      throw new UserInputException("--shard auto: " + SLURM_TASK_ID + "=" + taskId + " is not one of the array's "
          + "tasks " + tasks(min, step, count) + " (" + SLURM_TASK_MIN + "=" + min
          + (stepVariable.isPresent() ? ", " + SLURM_TASK_STEP + "=" + stepVariable.get() : "") + ", "
          + SLURM_TASK_COUNT + "=" + count + "): submit a range such as --array=0-" + (count - 1)
          + ", or add --shards N to take the task id as the shard index");
    }
    return new Shard((int) (offset / step), count);
  }

  /** A variable's value, stripped; empty when unset or blank. */
  private static Optional<String> variable(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int wholeNumber(String variable, String value) {
    if (!WHOLE_NUMBER.matcher(value).matches() || Long.parseLong(value) > Integer.MAX_VALUE) {
      throw new UserInputException("--shard auto: " + variable + " must be a whole number from 0 to "
          + Integer.MAX_VALUE + ", not '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  private static String shardCount(long count) {
    return count == 1 ? "1 shard" : count + " shards";
  }

  private static String indices(long count) {
    return count == 1 ? "0" : "0.." + (count - 1);
  }

  /** The task ids of a Slurm array range, e.g. {@code 1, 3, …, 9}. */
  private static String tasks(long min, long step, long count) {
    if (count <= 3) {
      StringBuilder ids = new StringBuilder();
      for (long k = 0; k < count; k++) {
        ids.append(k == 0 ? "" : ", ").append(min + k * step);
      }
      return ids.toString();
    }
    return min + ", " + (min + step) + ", …, " + (min + (count - 1) * step);
  }
}
