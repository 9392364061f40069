package org.flatminima.exact;

import org.flatminima.linalg.DoubleEigen;
import java.util.List;
import org.flatminima.exact.CertificateLog;
import org.flatminima.linalg.Matrix;
import org.flatminima.numbers.Rational;

/**
 * The top singular value of an exact matrix T and its singular vectors, decided exactly. sigma_max(T)^2
 * is the top eigenvalue of T^T T; a double proposal is turned into the simplest nearby rational and
 * accepted only if the inertia of (s I - T^T T) shows no negative and at least one zero eigenvalue.
 * If no rational candidate passes, sigma^2 is enclosed by rationals lo &lt; sigma^2 &lt;= hi, each end
 * certified by inertia.
 *
 * @param sigmaSquared the exact sigma_max(T)^2, or null when it is not a (found) rational
 * @param lo a certified lower bound of sigma_max^2 (equal to it when exact)
 * @param hi a certified upper bound of sigma_max^2 (equal to it when exact)
 * @param v a right singular vector for sigma_max (unnormalised), or null when sigma^2 is not exact
 * @param u T v (a positive multiple of the matching left singular vector), or null
 * @param multiplicity how many times sigma_max^2 is repeated (exact only; 0 when not exact)
 */
public record TopSingular(Rational sigmaSquared, Rational lo, Rational hi, Rational[] v, Rational[] u, int multiplicity) {

    public boolean isExact() {
        return sigmaSquared != null;
    }

    /** Decides the top singular data of {@code t} (not modified). */
    public static TopSingular of(Matrix<Rational> t, int digits) {
        return of(t, digits, 1);
    }

    /**
     * The same, also proposing sigma^2 = (r^2)^m with r^2 the simplest rational near the double (sigma^2)^(1/m):
     * at a product of m layers whose singular values are small rationals, sigma^2 has numbers far longer than a
     * double resolves, while r^2 does not. Every proposal is accepted only by the exact inertia test.
     */
    public static TopSingular of(Matrix<Rational> t, int digits, int m) {
        Matrix<Rational> gram = t.transpose().multiply(t);
        double s = DoubleEigen.approxMax(gram);
        if (s <= 0 || gram.isZero()) {
            if (gram.isZero()) {
                return new TopSingular(Rational.ZERO, Rational.ZERO, Rational.ZERO, null, null, gram.rows());
            }
        }
        java.util.List<Rational> candidates = new java.util.ArrayList<>();
        for (int root : m > 1 ? new int[] {1, m} : new int[] {1}) {
            Rational approx = Rational.ofExactDouble(root == 1 ? s : Math.pow(s, 1.0 / root));
            for (double rel : new double[] {1e-13, 1e-11, 1e-9}) {
                Rational delta = approx.abs().multiply(Rational.ofExactDouble(rel));
                Rational c = ExactAlgebra.simplestBetween(approx.subtract(delta), approx.add(delta)).pow(root);
                if (!candidates.contains(c)) {
                    candidates.add(c);
                }
            }
        }
        for (Rational candidate : candidates) {
            Inertia in = ExactAlgebra.inertia(ExactAlgebra.shiftedNegation(candidate, gram));
            if (in.negative() == 0 && in.zero() >= 1) {
                String name = CertificateLog.nameOf(t);
                if (name != null) { // the witness that candidate = sigma_max^2: candidate I - T^T T is PSD and singular
                    CertificateLog.name(gram, name + "_gram");
                    CertificateLog.inertia(gram, candidate, ExactAlgebra.counts(in));
                    CertificateLog.witness("sigma_squared", candidate);
                }
                List<Rational[]> ns = ExactAlgebra.nullSpace(ExactAlgebra.shiftedNegation(candidate, gram));
                Rational[] v = ns.get(0);
                Matrix<Rational> tv = t.multiply(ExactAlgebra.column(v));
                Rational[] u = new Rational[tv.rows()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = tv.get(i, 0);
                }
                if (name != null) {
                    CertificateLog.witness("v", v);
                    CertificateLog.witness("u", u);
                }
                return new TopSingular(candidate, candidate, candidate, v, u, ns.size());
            }
        }
        Rational[] bracket = enclose(gram, s, digits);
        String name = CertificateLog.nameOf(t);
        if (name != null) { // the witnesses of lo < sigma_max^2 <= hi
            CertificateLog.name(gram, name + "_gram");
            CertificateLog.inertia(gram, bracket[0], null);
            CertificateLog.inertia(gram, bracket[1], null);
            CertificateLog.witness("sigma_squared_lo", bracket[0]);
            CertificateLog.witness("sigma_squared_hi", bracket[1]);
        }
        return new TopSingular(null, bracket[0], bracket[1], null, null, 0);
    }

    /**
     * Rationals lo &lt; lambda_max(m) &lt;= hi, certified by inertia, around the proposal {@code approx},
     * refined by exact bisection to relative width 10^-digits.
     */
    public static Rational[] enclose(Matrix<Rational> symmetric, double approx, int digits) {
        Rational[] b = enclose(symmetric, approx);
        Rational lo = b[0];
        Rational hi = b[1];
        Rational width = Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(digits));
        for (int i = 0; i < 8 * digits + 64 && hi.subtract(lo).compareTo(width.multiply(hi.abs())) > 0; i++) {
            Rational third = hi.subtract(lo).divide(Rational.of(3));
            Rational mid = ExactAlgebra.simplestBetween(lo.add(third), hi.subtract(third));
            if (ExactAlgebra.countAbove(symmetric, mid) >= 1) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Rational[] {lo, hi};
    }

    /** Rationals lo &lt; lambda_max(m) &lt;= hi, certified by inertia, around the proposal {@code approx} (about 1e-12 wide). */
    public static Rational[] enclose(Matrix<Rational> symmetric, double approx) {
        double rel = 1e-12;
        for (int attempt = 0; attempt < 12; attempt++, rel *= 10) {
            double scale = Math.max(Math.abs(approx), 1e-300);
            Rational lo = Rational.ofExactDouble(approx - rel * scale);
            Rational hi = Rational.ofExactDouble(approx + rel * scale);
            lo = ExactAlgebra.simplestBetween(lo, Rational.ofExactDouble(approx - 0.5 * rel * scale));
            hi = ExactAlgebra.simplestBetween(Rational.ofExactDouble(approx + 0.5 * rel * scale), hi);
            if (ExactAlgebra.countAbove(symmetric, hi) == 0 && ExactAlgebra.countAbove(symmetric, lo) >= 1) {
                return new Rational[] {lo, hi};
            }
        }
        throw new ArithmeticException("could not enclose the top eigenvalue near " + approx);
    }
}
