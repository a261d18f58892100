/**
 * The HTML report: one self-contained {@code index.html} (inline CSS and SVG charts, no network resources) comparing
 * the cells of one or more results directories.
 *
 * <p>Pipeline, one class per step: {@link dev.convbench.results.ResultsReader} loads the directories;
 * {@link dev.convbench.report.ReportModel} groups runs into cells ({@link dev.convbench.analysis.CellSummary}, with
 * the statistics of module {@code convbench-analysis}); {@link dev.convbench.report.Curves} aggregates seeds into
 * mean ± std curves; {@link dev.convbench.report.SvgChart} draws them with JFreeChart into SVG;
 * {@link dev.convbench.report.ReportPage} writes the HTML through {@link dev.convbench.report.HtmlWriter}, which
 * escapes every text it is given. {@link dev.convbench.report.HtmlReportRenderer} ties them together.
 *
 * <p>The diagnostic sections: {@link dev.convbench.report.GradientFlow} (per-layer gradient norms from {@code layers.csv},
 * batch-normalisation layers left out) drawn by {@link dev.convbench.report.HeatMapChart} and
 * {@link dev.convbench.report.SvgChart}; {@link dev.convbench.report.CostSection} with
 * {@link dev.convbench.report.Pareto} fronts drawn by {@link dev.convbench.report.CostChart};
 * {@link dev.convbench.report.ArchitectureSection} (structure, settings, confusion matrix);
 * {@link dev.convbench.report.Findings}, sentences built from the numbers only. Every test on a page (the findings'
 * and the baseline column's, {@link dev.convbench.report.PageTests}) is one family adjusted by Holm's method
 * ({@link dev.convbench.analysis.TestFamily}); a difference between two cells is called only when its Welch t-test's
 * adjusted p &lt; 0.05, and {@link dev.convbench.report.ComparisonFormat} states every comparison the same way.
 */
package dev.convbench.report;
