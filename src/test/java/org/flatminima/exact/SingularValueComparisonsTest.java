package org.flatminima.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import org.flatminima.generate.RandomOrthogonal;
import org.flatminima.generate.RandomRationals;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class SingularValueComparisonsTest extends QuietTest {

    @Test
    void knownSingularValuesAreDecidedExactly() {
        // W = P diag(s) Q^T with rational orthogonal P, Q has singular values s exactly
        Property.forAll("knownSingularValues", 30, 201L, rnd -> {
            int rows = rnd.nextInt(1, 6), cols = rnd.nextInt(1, 6), k = Math.min(rows, cols);
            Rational[] s = new Rational[k];
            for (int i = 0; i < k; i++) {
                s[i] = rnd.nextInt(4) == 0 ? Rational.ZERO : RandomRationals.positive(rnd, 5, 3);
            }
            Rational[][] w = RationalMatrices.multiply(
                    RationalMatrices.multiply(RandomOrthogonal.orthogonal(rnd, rows),
                            RationalMatrices.diagonal(rows, cols, s)),
                    RationalMatrices.transpose(RandomOrthogonal.orthogonal(rnd, cols)));
            Rational[] sorted = s.clone();
            Arrays.sort(sorted, Comparator.reverseOrder());
            Rational top = sorted[0];
            assertTrue(SingularValueComparisons.isTop(w, top));
            assertEquals(0, SingularValueComparisons.compareTop(w, top));
            // negative controls: a slightly larger or smaller bound is not the top value
            assertEquals(-1, SingularValueComparisons.compareTop(w, top.add(Rational.of(1, 1000))));
            if (top.signum() > 0) {
                assertEquals(1, SingularValueComparisons.compareTop(w, top.subtract(Rational.of(1, 1000)).max(Rational.ZERO)));
                long equal = Arrays.stream(s).filter(top::equals).count();
                assertEquals(equal, SingularValueComparisons.multiplicity(w, top));
                long above = Arrays.stream(s).filter(x -> x.compareTo(Rational.of(1, 2)) > 0).count();
                assertEquals(above, SingularValueComparisons.countAbove(w, Rational.of(1, 2)));
            }
        });
    }

    @Test
    void zeroMatrixHasTopSingularValueZero() {
        assertTrue(SingularValueComparisons.isTop(RationalMatrices.zeros(2, 3), Rational.ZERO));
        assertFalse(SingularValueComparisons.isTop(RationalMatrices.zeros(2, 3), Rational.ONE));
    }
}
