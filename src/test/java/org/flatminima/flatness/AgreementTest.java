package org.flatminima.flatness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flatminima.results.Verdict;
import org.flatminima.flatness.FlatnessMeasurement.Comparison;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/** Whether a flatness measure orders two minima as lambda_max does, decided from the comparisons alone. */
class AgreementTest extends QuietTest {
    static final Comparison LAMBDA_FIRST = new Comparison("lambda_max", 0, Ordering.FIRST_FLATTER);

    @Test
    void agreementAtEveryDecidedPointIsNumerical() {
        FlatnessMeasurement.Agreement a = FlatnessMeasurement.agreesWithLambdaMax(List.of(LAMBDA_FIRST,
                new Comparison("local_energy", 0.1, Ordering.FIRST_FLATTER),
                new Comparison("local_energy", 0.2, Ordering.UNDECIDED)), "local_energy");
        assertEquals(Verdict.NUMERICAL, a.verdict());
        assertEquals(1, a.agree());
    }

    @Test
    void oneDisagreementRefutes() {
        // Negative control: the measure calls the second minimum flatter at one point.
        FlatnessMeasurement.Agreement a = FlatnessMeasurement.agreesWithLambdaMax(List.of(LAMBDA_FIRST,
                new Comparison("local_energy", 0.1, Ordering.FIRST_FLATTER),
                new Comparison("local_energy", 0.2, Ordering.SECOND_FLATTER)), "local_energy");
        assertEquals(Verdict.REFUTED, a.verdict());
        assertEquals(1, a.disagree());
    }

    @Test
    void nothingIsDecidedWhenLambdaMaxDoesNotSeparateThePair() {
        FlatnessMeasurement.Agreement a = FlatnessMeasurement.agreesWithLambdaMax(List.of(
                new Comparison("lambda_max", 0, Ordering.UNDECIDED),
                new Comparison("local_entropy", 0.1, Ordering.FIRST_FLATTER)), "local_entropy");
        assertEquals(Verdict.UNDECIDED, a.verdict());
    }
}
