package dev.convbench.analysis;

import static dev.convbench.analysis.SummaryFixture.cell;
import static dev.convbench.analysis.SummaryFixture.summary;
import static dev.convbench.analysis.SummaryFixture.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.results.MetricResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --fail-on} gates: their syntax, and when they fail. P-values in the reasons: see {@link SummaryComparisonTest}. */
class GateTest {

  @Test
  void gatesAreWrittenAsTheOptionTakesThem() {
    assertEquals(new Gate(Gate.Kind.ACCURACY_DROP, 1), Gate.parse("accuracy-drop=1pp"));
    assertEquals(new Gate(Gate.Kind.ACCURACY_DROP, 0.5), Gate.parse("accuracy-drop=0.5pp"));
    assertEquals(new Gate(Gate.Kind.STEP_TIME, 0.10), Gate.parse("step-time=+10%"));
    assertEquals(new Gate(Gate.Kind.STEP_TIME, 0.10), Gate.parse("step-time=10%"));
    assertEquals(new Gate(Gate.Kind.TIME_TO_TARGET, 0.25), Gate.parse("time-to-target=+25%"));
    assertEquals("accuracy-drop=0.5pp", Gate.parse("accuracy-drop=0.5pp").toString());
    assertEquals("step-time=+10%", Gate.parse("step-time=10%").toString());
  }

  @Test
  void anUnknownGateOrAWrongUnitNamesTheValidGates() {
    String valid = "valid gates: accuracy-drop=Npp, step-time=+N%, time-to-target=+N%";
    assertEquals("'speed=+10%' is not a gate; " + valid,
        assertThrows(IllegalArgumentException.class, () -> Gate.parse("speed=+10%")).getMessage());
    assertEquals("'accuracy-drop=1%': accuracy-drop takes percentage points (Npp), e.g. accuracy-drop=1pp; " + valid,
        assertThrows(IllegalArgumentException.class, () -> Gate.parse("accuracy-drop=1%")).getMessage());
    assertEquals("'step-time=10': step-time takes a percentage (+N%), e.g. step-time=+10%; " + valid,
        assertThrows(IllegalArgumentException.class, () -> Gate.parse("step-time=10")).getMessage());
    for (String bad : List.of("accuracy-drop=-1pp", "step-time=-10%", "accuracy-drop=+1pp", "step-time", "")) {
      assertThrows(IllegalArgumentException.class, () -> Gate.parse(bad), bad);
    }
  }

  private static Gate.Check only(Gate gate, SummaryComparison c, boolean allowUnderpowered) {
    List<Gate.Check> checks = gate.check(c, allowUnderpowered);
    assertEquals(1, checks.size());
    return checks.get(0);
  }

  private static SummaryComparison compare(double[] base, double[] candidate) {
    return SummaryComparison.of(summary("b", cell("x", base)), summary("n", cell("x", candidate)), PValueAdjustment.NONE);
  }

  @Test
  void aSignificantDropOfAtLeastTheSizeFailsAndASmallerOneOrAnInsignificantOnePasses() {
    SummaryComparison drop = compare(v(0.60, 0.62, 0.61, 0.63), v(0.57, 0.58, 0.56, 0.59)); // -4 pp, p = 0.0047
    Gate.Check failed = only(Gate.parse("accuracy-drop=1pp"), drop, false);
    assertEquals(Gate.Outcome.FAILED, failed.outcome());
    assertEquals("-4.00 pp, p = 0.0047: at least 1 pp and significant", failed.reason());
    assertEquals(Gate.Outcome.FAILED, only(Gate.parse("accuracy-drop=4pp"), drop, false).outcome(),
        "exactly the gate's size fails");
    assertEquals(Gate.Outcome.PASSED, only(Gate.parse("accuracy-drop=5pp"), drop, false).outcome());

    SummaryComparison noise = compare(v(0.50, 0.55), v(0.52, 0.51)); // -1 pp, p = 0.76
    Gate.Check passed = only(Gate.parse("accuracy-drop=1pp"), noise, false);
    assertEquals(Gate.Outcome.PASSED, passed.outcome());
    assertEquals("-1.00 pp, p = 0.758", passed.reason());

    SummaryComparison gain = compare(v(0.57, 0.58, 0.56, 0.59), v(0.60, 0.62, 0.61, 0.63));
    assertEquals(Gate.Outcome.PASSED, only(Gate.parse("accuracy-drop=0pp"), gain, false).outcome());
  }

  @Test
  void aSignificantSlowdownOfAtLeastTheSizeFails() {
    SummaryComparison c = SummaryComparison.of(summary("b", cell("x", v(0.5, 0.6), MetricResult.STEP_SECONDS,
        v(0.040, 0.041, 0.042))), summary("n", cell("x", v(0.5, 0.6), MetricResult.STEP_SECONDS,
            v(0.046, 0.047, 0.045))), PValueAdjustment.NONE); // +12.2 %, p = 0.0038
    assertEquals(Gate.Outcome.FAILED, only(Gate.parse("step-time=+10%"), c, false).outcome());
    assertEquals(Gate.Outcome.PASSED, only(Gate.parse("step-time=+15%"), c, false).outcome());
    assertEquals(Gate.Outcome.NOT_APPLICABLE, only(Gate.parse("time-to-target=+10%"), c, false).outcome());
  }

  @Test
  void anUntestableGatedMetricFailsUnlessUnderpoweredComparisonsAreAllowed() {
    SummaryComparison c = compare(v(0.60), v(0.50, 0.51));
    Gate.Check strict = only(Gate.parse("accuracy-drop=1pp"), c, false);
    assertEquals(Gate.Outcome.FAILED, strict.outcome());
    assertEquals("cannot test: n=1 on base (--allow-underpowered accepts it)", strict.reason());
    Gate.Check allowed = only(Gate.parse("accuracy-drop=1pp"), c, true);
    assertEquals(Gate.Outcome.UNTESTED, allowed.outcome());
    assertEquals("cannot test: n=1 on base", allowed.reason());
  }

  @Test
  void aGatedMetricTheNewSideLacksFailsAndOneTheBaseLacksCannotRegress() {
    Gate gate = Gate.parse("time-to-target=+20%");
    SummaryComparison lost = SummaryComparison.of(summary("b", cell("x", v(0.5, 0.6), MetricResult.SECONDS_TO_TARGET, v(10, 12))),
        summary("n", cell("x", v(0.5, 0.6))), PValueAdjustment.NONE);
    Gate.Check failed = only(gate, lost, true);
    assertEquals(Gate.Outcome.FAILED, failed.outcome(), "even with --allow-underpowered");
    assertEquals("no run reached the target on new", failed.reason());
    SummaryComparison gained = SummaryComparison.of(summary("b", cell("x", v(0.5, 0.6))), summary("n", cell("x", v(0.5, 0.6),
        MetricResult.SECONDS_TO_TARGET, v(10, 12))), PValueAdjustment.NONE);
    assertEquals(Gate.Outcome.NOT_APPLICABLE, only(gate, gained, false).outcome());
  }
}
