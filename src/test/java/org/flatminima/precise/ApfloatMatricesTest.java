package org.flatminima.precise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.flatminima.numbers.Rational;
import org.flatminima.testing.Property;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

class ApfloatMatricesTest extends QuietTest {

    /** |x - q| <= 10^-(digits-1) |q|: x holds the exact q to about {@code digits} significant digits. */
    static void assertDigits(Rational q, Apfloat x, int digits, String what) {
        Rational err = ApfloatMatrices.toRational(x).subtract(q).abs();
        Rational allowed = q.abs().multiply(Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(digits - 1)));
        assertTrue(err.compareTo(allowed) <= 0, what + ": " + x + " vs exact " + q.toBigDecimal(digits + 5)
                + " differs by " + err.doubleValue());
    }

    @Test
    void fromRationalRoundsToTheNearestDigits() {
        Apfloat third = ApfloatMatrices.fromRational(Rational.of(1, 3), 25);
        assertEquals("0.3333333333333333333333333", ApfloatMatrices.toBigDecimal(third).toPlainString());
        Apfloat twoThirds = ApfloatMatrices.fromRational(Rational.of(-2, 3), 5);
        assertEquals(new BigDecimal("-0.66667"), ApfloatMatrices.toBigDecimal(twoThirds));
        assertEquals(Apfloat.ZERO, ApfloatMatrices.fromRational(Rational.ZERO, 5));
    }

    @Test
    void toRationalIsExactOnTheHeldDigits() {
        Property.forAll("toRationalRoundTrip", 50, 11L, rnd -> {
            Rational q = RationalFixtures.rational(rnd, 1_000_000, 999_983);
            int digits = rnd.nextInt(1, 60);
            Apfloat x = ApfloatMatrices.fromRational(q, digits);
            BigDecimal expected = q.toBigDecimal(digits, RoundingMode.HALF_EVEN);
            assertEquals(0, expected.compareTo(ApfloatMatrices.toBigDecimal(x)), q + " at " + digits);
        });
    }

    @Test
    void decimalStringsRoundToKSignificantDigitsAndParseBack() {
        Apfloat x = new Apfloat("-123.456789", 50);
        assertEquals("-123.46", ApfloatMatrices.toDecimalString(x, 5));
        Apfloat tiny = new Apfloat("1.23456e-300", 50);
        String s = ApfloatMatrices.toDecimalString(tiny, 3);
        assertEquals(0, new BigDecimal("1.23e-300").compareTo(new BigDecimal(s)), s);
        assertEquals("0", ApfloatMatrices.toDecimalString(Apfloat.ZERO, 4));
        Property.forAll("decimalStringParsesBack", 40, 12L, rnd -> {
            Rational q = RationalFixtures.rational(rnd, 1_000_000_000, 1_000_000_000);
            int k = rnd.nextInt(1, 45);
            String t = ApfloatMatrices.toDecimalString(ApfloatMatrices.fromRational(q, 60), k);
            BigDecimal expected = q.toBigDecimal(k, RoundingMode.HALF_EVEN);
            assertEquals(0, expected.compareTo(Rational.parse(t).toBigDecimal(k, RoundingMode.HALF_EVEN)), t);
        });
    }

    @Test
    void productHoldsTheDigitsOfTheExactProduct() {
        Property.forAll("productDigits", 12, 13L, rnd -> {
            int n = rnd.nextInt(1, 6);
            int k = rnd.nextInt(1, 6);
            int m = rnd.nextInt(1, 6);
            int digits = rnd.nextBoolean() ? 20 : 120;
            // positive entries: no cancellation, so every entry of the product claims all its digits
            Rational[][] a = positive(RationalFixtures.matrix(rnd, n, k, 50, 7));
            Rational[][] b = positive(RationalFixtures.matrix(rnd, k, m, 50, 11));
            Rational[][] exact = RationalFixtures.multiply(a, b);
            Apfloat[][] c = ApfloatMatrices.multiply(ApfloatMatrices.fromRational(a, digits + 10),
                    ApfloatMatrices.fromRational(b, digits + 10), digits);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    assertDigits(exact[i][j], c[i][j], digits, "entry " + i + "," + j);
                }
            }
        });
    }

    @Test
    void kroneckerObeysTheMixedProductRule() {
        Property.forAll("kroneckerMixedProduct", 6, 14L, rnd -> {
            int digits = 30;
            Apfloat[][] a = ApfloatMatrices.fromRational(RationalFixtures.matrix(rnd, 2, 3, 9, 5), 40);
            Apfloat[][] b = ApfloatMatrices.fromRational(RationalFixtures.matrix(rnd, 3, 2, 9, 5), 40);
            Apfloat[][] c = ApfloatMatrices.fromRational(RationalFixtures.matrix(rnd, 3, 2, 9, 5), 40);
            Apfloat[][] d = ApfloatMatrices.fromRational(RationalFixtures.matrix(rnd, 2, 2, 9, 5), 40);
            Apfloat[][] left = ApfloatMatrices.multiply(ApfloatMatrices.kronecker(a, b, 40),
                    ApfloatMatrices.kronecker(c, d, 40), 40);
            Apfloat[][] right = ApfloatMatrices.kronecker(ApfloatMatrices.multiply(a, c, 40),
                    ApfloatMatrices.multiply(b, d, 40), 40);
            Apfloat diff = ApfloatMatrices.frobeniusNorm(ApfloatMatrices.subtract(left, right, 40), 10);
            Apfloat scale = ApfloatMatrices.frobeniusNorm(left, 10);
            assertTrue(diff.compareTo(scale.multiply(new Apfloat("1e-" + digits, 5))) <= 0, "difference " + diff);
        });
    }

    @Test
    void kroneckerOfIdentitiesIsTheIdentityAndShapesMultiply() {
        Apfloat[][] k = ApfloatMatrices.kronecker(ApfloatMatrices.identity(2), ApfloatMatrices.identity(3), 10);
        assertEquals(6, k.length);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1 : 0, k[i][j].intValue());
            }
        }
    }

    @Test
    void transposeAddScaleAndNormAgreeWithExactArithmetic() {
        Property.forAll("addScaleNorm", 10, 15L, rnd -> {
            int digits = 35;
            Rational[][] a = RationalFixtures.matrix(rnd, 3, 4, 30, 7);
            Rational[][] b = RationalFixtures.matrix(rnd, 3, 4, 30, 7);
            Rational c = RationalFixtures.rational(rnd, 30, 7);
            Apfloat[][] af = ApfloatMatrices.fromRational(a, 60);
            Apfloat[][] bf = ApfloatMatrices.fromRational(b, 60);
            Apfloat[][] sum = ApfloatMatrices.add(af, bf, digits);
            Apfloat[][] scaled = ApfloatMatrices.scale(ApfloatMatrices.fromRational(c, 60), af, digits);
            Apfloat[][] t = ApfloatMatrices.transpose(af);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    Rational s = a[i][j].add(b[i][j]);
                    if (!s.isZero() && s.abs().compareTo(Rational.of(1, 1000)) > 0) {
                        assertDigits(s, sum[i][j], digits - 2, "sum");
                    }
                    if (!c.isZero() && !a[i][j].isZero()) {
                        assertDigits(c.multiply(a[i][j]), scaled[i][j], digits, "scaled");
                    }
                    assertEquals(af[i][j], t[j][i]);
                }
            }
            Rational normSquared = RationalFixtures.frobeniusSquared(a);
            Apfloat norm = ApfloatMatrices.frobeniusNorm(af, digits);
            Apfloat back = norm.multiply(norm);
            assertDigits(normSquared, ApfloatMatrices.round(back, digits - 2), digits - 3, "norm squared");
        });
    }

    @Test
    void symmetryIsDecidedExactly() {
        Apfloat[][] a = ApfloatMatrices.fromRational(new Rational[][] {
            {Rational.ONE, Rational.of(1, 3)}, {Rational.of(1, 3), Rational.TWO}}, 30);
        assertTrue(ApfloatMatrices.isSymmetric(a));
        a[1][0] = ApfloatMatrices.fromRational(Rational.of(1, 3), 31);
        assertFalse(ApfloatMatrices.isSymmetric(a), "a difference in the 31st digit must be seen");
    }

    @Test
    void symmetricPartAveragesUnequalPairsAndKeepsEqualOnes() {
        Apfloat[][] a = {{new Apfloat("1"), new Apfloat("0.30000000000000000001", 30)},
            {new Apfloat("0.29999999999999999999", 30), new Apfloat("2")}};
        Apfloat[][] s = ApfloatMatrices.symmetricPart(a, 25);
        assertTrue(ApfloatMatrices.isSymmetric(s));
        assertEquals(0, new BigDecimal("0.3").compareTo(ApfloatMatrices.toBigDecimal(s[0][1])), s[0][1].toString());
        assertEquals(a[0][0], s[0][0]);
        assertFalse(ApfloatMatrices.isSymmetric(a), "negative control: the input itself is not symmetric");
    }

    @Test
    void shapeMismatchIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ApfloatMatrices.multiply(ApfloatMatrices.identity(2), ApfloatMatrices.identity(3), 10));
        assertThrows(IllegalArgumentException.class,
                () -> ApfloatMatrices.add(ApfloatMatrices.identity(2), ApfloatMatrices.identity(3), 10));
    }

    private static Rational[][] positive(Rational[][] a) {
        for (Rational[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j].abs().add(Rational.of(1, 17));
            }
        }
        return a;
    }

    static BigDecimal round(BigDecimal x, int digits) {
        return x.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }
}
