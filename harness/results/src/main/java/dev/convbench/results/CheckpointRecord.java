package dev.convbench.results;

import java.util.Objects;

/**
 * The content of {@code <run>/checkpoints/<name>/checkpoint.json}, written with the variables it describes
 * ({@code variables.index}, {@code variables.data-*}: TensorFlow's checkpoint format).
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param runId the run
 * @param position where training stood
 * @param metricsBytes length of {@code metrics.csv} at that point: a resumed run cuts what follows
 * @param stepsBytes length of {@code steps.csv} at that point
 * @param layersBytes length of {@code layers.csv} at that point
 * @param writtenAt when (ISO-8601)
 */
public record CheckpointRecord(int formatVersion, String runId, TrainingPositionRecord position, long metricsBytes,
    long stepsBytes, long layersBytes, String writtenAt) {

  /** The layout version this release writes. */
  public static final int FORMAT_VERSION = 1;

  public CheckpointRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(position, "position");
  }
}
