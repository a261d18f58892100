package dev.convbench.store;

import dev.convbench.data.Dataset;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.graph.LayerInfo;
import dev.convbench.results.AugmentationParameters;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.DatasetParameters;
import dev.convbench.results.EpochRecord;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.LayerRecord;
import dev.convbench.results.LayerStatsRecord;
import dev.convbench.results.OptimizerParameters;
import dev.convbench.results.RunSpecRecord;
import dev.convbench.results.StreamSeeds;
import dev.convbench.results.ScheduleParameters;
import dev.convbench.results.StepLossRecord;
import dev.convbench.results.TrainingParameters;
import dev.convbench.results.TrainingPositionRecord;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.LayerStats;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.RunSeeds;
import dev.convbench.training.StepLoss;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingPosition;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The engine's types as the results format records them ({@link dev.convbench.results}), and back where the engine
 * reads a record again (a checkpoint's position, a run's data settings). Each record keeps the field names and
 * shapes results have always had, so a renamed engine field changes this class, never the files.
 */
public final class RecordMapping {

  private RecordMapping() {}

  /** A run's settings, as {@code run.json}'s {@code spec}. */
  public static RunSpecRecord spec(RunSpec run) {
    return new RunSpecRecord(run.runId(), run.architecture(), run.hyperParameters(), training(run.training()),
        dataset(run.dataset()), run.seed(), run.cell(), run.label(), streamSeeds(run.seeds()));
  }

  /** A run's stream seeds, as {@code spec.streamSeeds}. */
  public static StreamSeeds streamSeeds(RunSeeds seeds) {
    return new StreamSeeds(seeds.init(), seeds.dataOrder(), seeds.augmentation());
  }

  /** Training settings, as {@code spec.training}: optimizer and schedule in their flat form. */
  public static TrainingParameters training(TrainingConfig config) {
    Optimizer.Stored o = config.optimizer().toStored();
    LearningRateSchedule.Stored s = config.schedule().toStored();
    AugmentationConfig a = config.augmentation();
    return new TrainingParameters(config.epochs(), config.batchSize(),
        new OptimizerParameters(o.type(), o.learningRate(), o.momentum(), o.nesterov(), o.beta1(), o.beta2(),
            o.epsilon()),
        new ScheduleParameters(s.type(), s.stepEpochs(), s.gamma(), s.warmupEpochs(), s.minLearningRate()),
        config.weightDecay(),
        new AugmentationParameters(a.randomCrop(), a.padding(), a.horizontalFlip(), a.normalize()),
        config.targetAccuracy(), config.logEverySteps(), config.precision().yamlName());
  }

  /** Data settings, as {@code spec.dataset}; the directory as a {@code file:} URI, as results have always held it. */
  public static DatasetParameters dataset(DatasetOptions options) {
    return new DatasetParameters(options.dataDir() == null ? null : options.dataDir().toUri().toString(),
        options.trainSubset(), options.testSubset(), options.validation(), options.holdoutSize(),
        options.allowPartial(), options.subsetSeed());
  }

  /** The data settings a run recorded, to load its data again. */
  public static DatasetOptions datasetOptions(DatasetParameters stored) {
    return new DatasetOptions(dataDir(stored.dataDir()), stored.trainSubset(), stored.testSubset(),
        stored.validation(), stored.holdoutSize(), stored.allowPartial(), stored.subsetSeed());
  }

  /** A stored data directory: a {@code file:} URI, or a plain path (written by hand). */
  private static Path dataDir(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      URI uri = new URI(stored);
      if ("file".equalsIgnoreCase(uri.getScheme())) {
        return Path.of(uri);
      }
    } catch (URISyntaxException | IllegalArgumentException notAUri) {
      // a plain path
    }
    return Path.of(stored);
  }

  /** What the data set loaded for a run holds. */
  public static DatasetFacts facts(Dataset dataset) {
    return new DatasetFacts(dataset.train().count(), dataset.eval().count(), dataset.evalName(),
        dataset.recordsPerFile(), dataset.partial());
  }

  /** An expanded experiment's {@code experiment.json}. */
  public static ExperimentManifest manifest(Experiment experiment) {
    return ExperimentManifest.of(experiment.name(), experiment.description(), experiment.baseline(),
        experiment.runs().stream().map(RecordMapping::spec).toList(),
        experiment.autoPrecision() == null ? null : experiment.autoPrecision().yamlName());
  }

  /** One {@code metrics.csv} row. */
  public static EpochRecord epoch(EpochMetrics m) {
    return new EpochRecord(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(),
        m.learningRate(), m.epochSeconds(), m.evalSeconds(), m.cumulativeSeconds(), m.imagesPerSecond(),
        m.trainEvalLoss(), m.trainEvalAccuracy(), m.overheadSeconds());
  }

  /** One {@code steps.csv} row. */
  public static StepLossRecord stepLoss(StepLoss loss) {
    return new StepLossRecord(loss.step(), loss.epoch(), loss.loss(), loss.seconds());
  }

  /** One {@code layers.csv} event. */
  public static LayerStatsRecord layerStats(LayerStats stats) {
    LayerStatsRecord.Kind kind = switch (stats.kind()) {
      case SAMPLE -> LayerStatsRecord.Kind.SAMPLE;
      case EPOCH -> LayerStatsRecord.Kind.EPOCH;
    };
    return new LayerStatsRecord(kind, stats.step(), stats.epoch(), stats.layers(), stats.gradientNorms(),
        stats.weightNorms(), stats.updateRatios());
  }

  /** One layer of {@code structure.json}. */
  public static LayerRecord layer(LayerInfo layer) {
    return new LayerRecord(layer.name(), layer.op(), layer.outputShape(), layer.parameters(), layer.macs());
  }

  /** A checkpoint's position, as its {@code checkpoint.json} records it. */
  public static TrainingPositionRecord position(TrainingPosition at) {
    TrainingPosition.EpochProgress p = at.partial();
    return new TrainingPositionRecord(at.epoch(), at.stepInEpoch(), at.globalStep(), at.cumulativeSeconds(),
        new TrainingPositionRecord.EpochProgress(p.lossSum(), p.correct(), p.ratioSum(), p.samples(), p.seconds()),
        at.bestAccuracy(), at.lastAccuracy());
  }

  /** Where a checkpoint's run stood, to continue it. */
  public static TrainingPosition position(TrainingPositionRecord stored) {
    TrainingPositionRecord.EpochProgress p = stored.partial();
    return new TrainingPosition(stored.epoch(), stored.stepInEpoch(), stored.globalStep(), stored.cumulativeSeconds(),
        new TrainingPosition.EpochProgress(p.lossSum(), p.correct(), p.ratioSum(), p.samples(), p.seconds()),
        stored.bestAccuracy(), stored.lastAccuracy());
  }
}
