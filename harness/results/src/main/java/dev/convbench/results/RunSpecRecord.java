package dev.convbench.results;

import java.util.Map;

/**
 * The {@code spec} of a {@code run.json}: one run of an experiment as it was resolved when the run started (the
 * engine's run settings, written in this module's own types so that renaming an engine field does not change the
 * file).
 *
 * @param runId the run's identifier, as in {@link RunRecord#runId()}
 * @param architecture the architecture plugin's name
 * @param hyperParameters the architecture's hyper-parameters, defaults filled in, in declaration order (values as
 *     JSON reads them: numbers, strings, booleans, lists)
 * @param training how the run trains
 * @param dataset which data it trains and evaluates on
 * @param seed the run's seed (initialisation, shuffling, augmentation)
 * @param cell the matrix values that define the run's cell (key as written in the experiment file, e.g.
 *     {@code optimizer.lr}); seeds of one cell share it
 * @param label the cell's short name, e.g. {@code resnet18 optimizer.lr=0.1}
 */
public record RunSpecRecord(String runId, String architecture, Map<String, Object> hyperParameters,
    TrainingParameters training, DatasetParameters dataset, long seed, Map<String, Object> cell, String label) {}
