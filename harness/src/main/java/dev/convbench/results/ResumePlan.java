package dev.convbench.results;

import dev.convbench.experiment.RunSpec;
import java.util.List;
import java.util.Objects;

/**
 * Which runs of an experiment to train, and why; made by {@link ResultStore#plan}.
 *
 * @param decisions one decision per run, in the order the runs were given
 * @param strayRunIds run directories in the results directory that the experiment does not list (left untouched;
 *     worth a warning, they suggest the experiment file changed)
 */
public record ResumePlan(List<Decision> decisions, List<String> strayRunIds) {

  public ResumePlan {
    decisions = List.copyOf(decisions);
    strayRunIds = List.copyOf(strayRunIds);
  }

  /** What to do with one run. */
  public enum Action {
    /** No earlier attempt: train it. */
    RUN,
    /** An earlier attempt failed, was interrupted or is unusable: clear its directory and train it again. */
    REDO,
    /** An earlier attempt completed or diverged: keep it. */
    SKIP
  }

  /**
   * @param run the run
   * @param action what to do
   * @param reason short human-readable explanation, e.g. {@code status failed}
   */
  public record Decision(RunSpec run, Action action, String reason) {
    public Decision {
      Objects.requireNonNull(run);
      Objects.requireNonNull(action);
      Objects.requireNonNull(reason);
    }
  }

  /** The runs to train ({@link Action#RUN} and {@link Action#REDO}), in order. */
  public List<RunSpec> toRun() {
    return decisions.stream().filter(d -> d.action() != Action.SKIP).map(Decision::run).toList();
  }

  /** The runs kept from an earlier attempt. */
  public List<RunSpec> skipped() {
    return decisions.stream().filter(d -> d.action() == Action.SKIP).map(Decision::run).toList();
  }
}
