/**
 * The HTML report: one self-contained {@code index.html} (inline CSS and SVG charts, no network resources) comparing
 * the cells of one or more results directories.
 *
 * <p>Pipeline, one class per step: {@link dev.convbench.results.ResultsReader} loads the directories;
 * {@link dev.convbench.report.ReportModel} groups runs into cells and computes the statistics
 * ({@link dev.convbench.report.RunOutcome}, {@link dev.convbench.report.CellSummary},
 * {@link dev.convbench.report.SampleStats}); {@link dev.convbench.report.Curves} aggregates seeds into mean ± std
 * curves; {@link dev.convbench.report.SvgChart} draws them with JFreeChart into SVG;
 * {@link dev.convbench.report.ReportPage} writes the HTML through {@link dev.convbench.report.HtmlWriter}, which
 * escapes every text it is given. {@link dev.convbench.report.HtmlReportRenderer} ties them together.
 */
package dev.convbench.report;
