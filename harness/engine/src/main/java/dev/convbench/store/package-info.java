/**
 * The engine's results store: where runs of an experiment are written, by whom, and what a process does with each
 * ({@link dev.convbench.store.ResultStore}, {@link dev.convbench.store.RunState}); the claims that let any number of
 * processes share one results directory ({@link dev.convbench.store.Claims}, {@link dev.convbench.store.HeldClaim});
 * the {@link dev.convbench.store.RunWriter} that records a run as it trains; and the mapping of the engine's types
 * to the records of the results format ({@link dev.convbench.store.RecordMapping},
 * {@link dev.convbench.store.RunIdentities}).
 *
 * <p>The files themselves — their records, readers, writers and atomic-file helpers — are the results format,
 * package {@link dev.convbench.results} in module {@code convbench-results}, which knows nothing of the engine. This
 * package is the engine's side of it: it depends on training, experiments and data, so it lives in the engine, in a
 * package of its own (a package is never split across modules).
 */
package dev.convbench.store;
