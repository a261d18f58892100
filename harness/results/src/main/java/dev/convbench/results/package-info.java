/**
 * The results format: the files a results directory holds, as records with their own types, their readers and
 * writers, and the atomic-file helpers every file is written through.
 *
 * <p>This package is module {@code convbench-results} and nothing else. It depends on Jackson and the JDK only, never
 * on TensorFlow or the engine, so a report, a notebook or another tool reads results without them; its records are
 * this package's own, so renaming a field of the engine does not change a file. The engine writes these records: it
 * maps its types to them ({@code dev.convbench.store.RecordMapping}) and keeps what is not format — the store, the
 * claims protocol, the run writer that listens to training — in its package {@code dev.convbench.store}. One package
 * per module, so neither module can reach into the other's package-private code.
 *
 * <h2>Layout of a results directory</h2>
 * <pre>
 * &lt;out&gt;/
 *   experiment.yaml        the experiment file's text, as read (by the last process that finished)
 *   experiment.json        {@link dev.convbench.results.ExperimentManifest}: name, description, baseline, run ids,
 *                          definition digest, what {@code precision: auto} means here (its first writer's)
 *   .claims/&lt;run-id&gt;/attempt-NNNNNN.json   one {@link dev.convbench.results.ClaimRecord} per attempt at a run
 *   superseded/&lt;run-id&gt;.&lt;digest&gt;/  runs of an earlier version of the experiment file, moved, never deleted
 *   report/index.html      the report, written by whichever process finishes
 *   &lt;run-id&gt;/
 *     run.json             {@link dev.convbench.results.RunRecord}: settings ({@link dev.convbench.results.RunSpecRecord}),
 *                          environment, data facts, cost, status, identity, attempt
 *     structure.json       {@link dev.convbench.results.StructureRecord}: the network layer by layer, when known at start
 *     metrics.csv          one row per epoch ({@link dev.convbench.results.MetricsCsv#EPOCH_COLUMNS})
 *     steps.csv            the training loss every N steps ({@link dev.convbench.results.MetricsCsv#STEP_COLUMNS})
 *     layers.csv           per-layer gradient / weight norms and update ratios, long format, every N steps
 *                          ({@code sample}) and per epoch ({@code epoch}) ({@link dev.convbench.results.MetricsCsv#LAYER_COLUMNS})
 *     confusion.csv        the latest evaluation's confusion matrix ({@link dev.convbench.results.MetricsCsv#CONFUSION_FILE})
 *     checkpoints/&lt;epoch-…-step-…&gt;/checkpoint.json   {@link dev.convbench.results.CheckpointRecord}, next to the
 *                          variables (TensorFlow's checkpoint format)
 *     checkpoints.csv      one row per checkpoint written: position and seconds
 *                          ({@link dev.convbench.results.MetricsCsv#CHECKPOINT_COLUMNS})
 *     model/model.json     {@link dev.convbench.results.ModelRecord}, next to the kept network (a SavedModel)
 * </pre>
 * The names are in {@link dev.convbench.results.ResultsLayout} and {@link dev.convbench.results.MetricsCsv}.
 *
 * <p>Epochs and steps are kept in two files rather than one file with a {@code kind} column: each file then has a
 * fixed set of columns with no empty cells, and a spreadsheet or pandas reads either without filtering. Layer
 * statistics are in long format (one row per layer) because the number of layers differs between architectures;
 * samples and epoch means share that file, told apart by {@code kind}, since they have the same columns.
 *
 * <h2>Versions</h2>
 * {@code run.json} carries {@link dev.convbench.results.RunRecord#formatVersion()}; this release writes
 * {@value dev.convbench.results.RunRecord#FORMAT_VERSION} and reads every earlier one:
 * <ul>
 *   <li>1: {@code run.json}, {@code metrics.csv} (ten columns), {@code steps.csv}, {@code experiment.json}.</li>
 *   <li>2 added {@code structure.json}, {@code layers.csv}, {@code confusion.csv}, the {@code train_eval_*} columns of
 *       {@code metrics.csv} and the cost fields of {@code run.json} ({@code macsPerImage}, {@code peakResidentBytes}).
 *       Format 1 results lack them: the reader returns them as empty, {@code NaN}, 0 or {@code null}, without
 *       warnings.</li>
 *   <li>3 added {@code identity} and {@code attempt} to {@code run.json}, with the claims under {@code .claims/}.</li>
 * </ul>
 * Fields and files added within a version (the training's {@code precision}, the environment's
 * {@code requestedDevice}, the {@code overhead_seconds} column, the checkpoints with their own
 * {@link dev.convbench.results.CheckpointRecord#FORMAT_VERSION}) read as their default, or as absent, when missing. Unknown fields and columns are ignored, so
 * older readers accept newer files; CSV columns are read by header name, never by position.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every file has one writer: a run's files are written by the attempt holding its claim, and only while it
 *       holds it; a claim file by the process that created it; experiment-level files are replaced atomically
 *       through uniquely named temporary files, so processes finishing at the same time never collide.</li>
 *   <li>{@code run.json} is only ever replaced atomically ({@link dev.convbench.results.AtomicFiles#write}: a temporary
 *       file next to it, then {@code ATOMIC_MOVE}): it is written with status {@code running} when a run starts and
 *       rewritten with the final status ({@code completed}, {@code diverged}, {@code failed}, {@code interrupted})
 *       when it ends. A crash leaves a run whose {@code run.json} says {@code running} and whose claim goes stale;
 *       the next process takes it over and trains it again.</li>
 *   <li>{@code confusion.csv} and {@code structure.json} are replaced atomically in the same way.</li>
 *   <li>CSV rows are appended and flushed as the run goes ({@link dev.convbench.results.CsvAppender}), so a killed run
 *       keeps every finished row; at most the last line is incomplete, and
 *       {@link dev.convbench.results.ResultsReader} skips it with a warning.</li>
 *   <li>Numbers are written with {@link java.lang.Double#toString(double)}: locale-independent, and parsing them
 *       back gives the identical {@code double} ({@code NaN} and {@code Infinity} included, e.g. a diverged loss).</li>
 *   <li>A redone run starts from an empty directory: the old one is renamed aside, then deleted, so rows are never
 *       duplicated.</li>
 * </ul>
 *
 * <h2>History directory</h2>
 * CI keeps results over commits apart from any results directory: one {@link dev.convbench.results.HistoryEntry} per
 * commit and experiment, {@code <history>/<experiment>/<yyyyMMdd'T'HHmmss'Z'>-<short commit>.json}
 * ({@link dev.convbench.results.HistoryFiles}), created exclusively and never rewritten, so concurrent writers and
 * merged branches never touch the same file. Entries carry {@code "format": "convbench-history"} and
 * {@link dev.convbench.results.HistoryEntry#formatVersion()} ({@value dev.convbench.results.HistoryEntry#FORMAT_VERSION}
 * in this release); a reader skips, with a warning naming the file, an entry it cannot read, one of another format or
 * one of a newer version. {@link dev.convbench.results.HistoryRenderer} draws them (module {@code convbench-reports}).
 *
 * <p>Entry points: {@link dev.convbench.results.ResultsReader} (reading), {@link dev.convbench.results.ReportRenderer}
 * (the report, implemented in module {@code convbench-reports}); the engine's {@code dev.convbench.store.ResultStore}
 * writes.
 */
package dev.convbench.results;
