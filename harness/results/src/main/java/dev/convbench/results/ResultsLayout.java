package dev.convbench.results;

/**
 * The names of the files and directories of a results directory (see the {@linkplain dev.convbench.results package}
 * for the layout); the CSV files' names are in {@link MetricsCsv}, with their columns.
 */
public final class ResultsLayout {

  /** A run's record ({@link RunRecord}), in the run's directory. */
  public static final String RUN_FILE = "run.json";
  /** The experiment file's text, as read. */
  public static final String EXPERIMENT_TEXT_FILE = "experiment.yaml";
  /** The experiment's {@link ExperimentManifest}. */
  public static final String EXPERIMENT_FILE = "experiment.json";
  /** An experiment's summary over its cells ({@link ExperimentSummary}), beside its runs and beside a report. */
  public static final String SUMMARY_FILE = "results.json";
  /** Where runs that no longer match the experiment file are kept. */
  public static final String SUPERSEDED_DIRECTORY = "superseded";
  /** A run's network structure ({@link StructureRecord}); written at start when the structure is known. */
  public static final String STRUCTURE_FILE = "structure.json";
  /** The claims on runs ({@link ClaimRecord}), one directory per run; hidden, so readers of results skip it. */
  public static final String CLAIMS_DIRECTORY = ".claims";
  /** A run's checkpoints, one directory each, named so that the newest sorts last. */
  public static final String CHECKPOINTS = "checkpoints";
  /** The record inside each checkpoint directory ({@link CheckpointRecord}). */
  public static final String CHECKPOINT_FILE = "checkpoint.json";
  /** The file-name prefix of the variables inside each checkpoint directory (TensorFlow's checkpoint format). */
  public static final String VARIABLES_PREFIX = "variables";
  /** One row per checkpoint written: when, and what it cost. */
  public static final String CHECKPOINT_LOG = "checkpoints.csv";
  /** The directory of the run's kept network (a SavedModel). */
  public static final String MODEL = "model";
  /** The record inside the model directory ({@link ModelRecord}). */
  public static final String MODEL_FILE = "model.json";

  private ResultsLayout() {}
}
