/**
 * Where runs leave their results, and how they are read back.
 *
 * <h2>Layout of a results directory</h2>
 * <pre>
 * &lt;out&gt;/
 *   experiment.yaml        the experiment file's text, as read (by the last process that finished)
 *   experiment.json        {@link dev.convbench.results.ExperimentManifest}: name, description, baseline, run ids,
 *                          definition digest, what {@code precision: auto} means here (its first writer's)
 *   .claims/&lt;run-id&gt;/attempt-NNNNNN.json   one {@link dev.convbench.results.ClaimRecord} per attempt at a run
 *                          (see {@link dev.convbench.results.Claims} for the protocol)
 *   superseded/&lt;run-id&gt;.&lt;digest&gt;/  runs of an earlier version of the experiment file, moved, never deleted
 *   report/index.html      the report, written by whichever process finishes
 *   &lt;run-id&gt;/
 *     run.json             {@link dev.convbench.results.RunRecord}: config, environment, data facts, status
 *     structure.json       the network layer by layer ({@code {"layers": [LayerInfo…]}}), when known at start
 *     metrics.csv          one row per epoch ({@link dev.convbench.results.MetricsCsv#EPOCH_COLUMNS})
 *     steps.csv            the training loss every N steps ({@link dev.convbench.results.MetricsCsv#STEP_COLUMNS})
 *     layers.csv           per-layer gradient / weight norms and update ratios, long format, every N steps
 *                          ({@code sample}) and per epoch ({@code epoch}) ({@link dev.convbench.results.MetricsCsv#LAYER_COLUMNS})
 *     confusion.csv        the latest evaluation's confusion matrix ({@link dev.convbench.results.MetricsCsv#CONFUSION_FILE})
 * </pre>
 *
 * <p>Epochs and steps are kept in two files rather than one file with a {@code kind} column: each file then has a
 * fixed set of columns with no empty cells, and a spreadsheet or pandas reads either without filtering. Layer
 * statistics are in long format (one row per layer) because the number of layers differs between architectures;
 * samples and epoch means share that file, told apart by {@code kind}, since they have the same columns.
 *
 * <p>Older results (format 1) lack {@code structure.json}, {@code layers.csv}, {@code confusion.csv}, the
 * {@code train_eval_*} columns and the cost fields of {@code run.json}: the reader returns them as empty, {@code NaN},
 * 0 or {@code null}, without warnings.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every file has one writer: a run's files are written by the attempt holding its claim, and only while it
 *       holds it; a claim file by the process that created it; experiment-level files are replaced atomically
 *       through uniquely named temporary files, so processes finishing at the same time never collide.</li>
 *   <li>{@code run.json} is only ever replaced atomically (write a temporary file next to it, then
 *       {@code ATOMIC_MOVE}): it is written with status {@code running} when a run starts and rewritten with the final
 *       status ({@code completed}, {@code diverged}, {@code failed}) when it ends. A crash leaves a run whose
 *       {@code run.json} says {@code running} and whose claim goes stale; the next process takes it over and
 *       trains it again.</li>
 *   <li>{@code confusion.csv} and {@code structure.json} are replaced atomically in the same way.</li>
 *   <li>CSV rows are appended and flushed as the run goes, so a killed run keeps every finished row; at most the
 *       last line is incomplete, and {@link dev.convbench.results.ResultsReader} skips it with a warning.</li>
 *   <li>Numbers are written with {@link java.lang.Double#toString(double)}: locale-independent, and parsing them
 *       back gives the identical {@code double} ({@code NaN} and {@code Infinity} included, e.g. a diverged loss).</li>
 *   <li>A redone run starts from an empty directory: the old one is renamed aside, then deleted, so rows are never
 *       duplicated.</li>
 * </ul>
 *
 * <p>Entry points: {@link dev.convbench.results.ResultStore} (writing), {@link dev.convbench.results.ResultsReader}
 * (reading), {@link dev.convbench.results.ReportRenderer} (the report, implemented in module
 * {@code convbench-reports}).
 */
package dev.convbench.results;
