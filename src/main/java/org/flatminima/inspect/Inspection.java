package org.flatminima.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.ShiftedInertia;
import org.flatminima.cases.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.ExtremeEigenpairs;
import org.flatminima.precise.SymmetricEigen;

/**
 * Everything {@code flatminima inspect} says about one exact network: its loss, gradient and Hessian
 * spectrum, whether it is a global minimum and a flattest one, and its layers through the lens of
 * Theorems 2 and 3. Decisions are exact (rational arithmetic and inertia) wherever the input allows;
 * every other number is computed at D digits and labelled so, except the list of all Hessian eigenvalues beyond
 * {@link #FULL_SPECTRUM_LIMIT} parameters, which is computed in double and labelled so (lambda_max and lambda_min
 * are still refined to D digits).
 */
public final class Inspection {
    /** Largest Hessian for which lambda_max is enclosed and flatness decided by exact inertia. */
    public static final int EXACT_DECISION_LIMIT = 400;

    /**
     * Largest Hessian whose every eigenvalue is computed at D digits (the paper's Fig. 3 networks, N = 96, are
     * within); beyond, only lambda_max and lambda_min are, which at N = 200 to 800 cuts the spectrum's share of
     * inspect's time from most of it to a few seconds (docs/inspect-scale.md).
     */
    public static final int FULL_SPECTRUM_LIMIT = 100;

    /** The phases an inspection reports, in order, for a progress display. */
    public static final int PHASES = 6;

    private final LinearNetwork<Rational> net;
    private final int digits;
    private final int work;
    private final java.util.function.Consumer<String> phase;
    private final int fullSpectrumLimit;

    private Inspection(LinearNetwork<Rational> net, int digits, java.util.function.Consumer<String> phase,
                       int fullSpectrumLimit) {
        this.fullSpectrumLimit = fullSpectrumLimit;
        this.net = net;
        this.digits = digits;
        this.work = digits + 10;
        this.phase = phase;
    }

    /** Inspects {@code c} at {@code digits} digits; {@code withHessian} adds the exact Hessian. */
    public static ObjectNode run(CaseFile.Case c, int digits, boolean withHessian) {
        return run(c, digits, withHessian, p -> { });
    }

    /**
     * The same, telling {@code phase} as each of the {@link #PHASES} phases starts (the exact Hessian, its
     * spectrum, the exact factorisation, the flattest decision, the layers, done), for a progress line.
     */
    public static ObjectNode run(CaseFile.Case c, int digits, boolean withHessian,
            java.util.function.Consumer<String> phase) {
        return new Inspection(c.network(), digits, phase, FULL_SPECTRUM_LIMIT).build(c, withHessian);
    }

    /** The same with another limit on the full D-digit spectrum (tests exercise both paths on small cases). */
    static ObjectNode run(CaseFile.Case c, int digits, int fullSpectrumLimit) {
        return new Inspection(c.network(), digits, p -> { }, fullSpectrumLimit).build(c, false);
    }

    private ObjectNode build(CaseFile.Case c, boolean withHessian) {
        ObjectNode out = Json.mapper().createObjectNode();
        int m = net.depth();
        int n = net.parameterCount();
        out.put("case", c.path() == null ? null : c.path().toString());
        out.put("digits", digits);
        ArrayNode dims = out.putArray("dims");
        for (int d : net.dims()) {
            dims.add(d);
        }
        out.put("depth", m);
        out.put("parameters", n);
        out.put("sigma_x", net.sigmaIsIdentity() ? "identity" : isIdentity(net.sigmaX()) ? "identity (given)" : "given");
        out.put("moments_from_samples", c.fromSamples());

        // ---- loss and gradient: exact ----
        Rational loss = Loss.value(net);
        out.put("loss", decimal(loss));
        out.put("loss_exact", loss.toString());
        if (c.fromSamples()) {
            out.put("sample_loss", decimal(sampleLoss(c)));
            out.put("sample_loss_exact", sampleLoss(c).toString());
        }
        Rational[] g = Loss.gradient(net);
        Rational g2 = Rational.ZERO;
        for (Rational x : g) {
            g2 = g2.add(x.multiply(x));
        }
        out.put("gradient_norm", decimal(sqrt(g2)));

        // ---- Hessian: exact, spectrum at D digits ----
        phase.accept("exact Hessian (" + n + "x" + n + ")");
        Matrix<Rational> hExact = Loss.hessian(net);
        Rational[][] h = hExact.toArray();
        Spectrum spec = spectrum(h, n);
        Apfloat lambdaMax = spec.lambdaMax();
        out.put("lambda_max", decimal(lambdaMax));
        out.put("lambda_min", decimal(spec.lambdaMin()));
        ArrayNode evs = out.putArray("hessian_eigenvalues");
        for (String x : spec.values()) {
            evs.add(x);
        }
        out.put("hessian_eigenvalues_method", spec.valuesMethod());
        // one exact factorisation of H answers every shifted query (H - sI) below
        phase.accept(n <= EXACT_DECISION_LIMIT ? "exact factorisation of H and enclosure of lambda_max"
                : "no exact factorisation (N > " + EXACT_DECISION_LIMIT + ")");
        ShiftedInertia shifted = n <= EXACT_DECISION_LIMIT ? ShiftedInertia.of(h) : null;
        Inertia hInertia = shifted == null ? null : shifted.inertia();
        if (hInertia != null) {
            ObjectNode in = out.putObject("hessian_inertia");
            in.put("negative", hInertia.negative());
            in.put("zero", hInertia.zero());
            in.put("positive", hInertia.positive());
            in.put("rank", hInertia.rank());
            in.put("method", "exact: symmetric LDL^T over the rationals");
        }
        ObjectNode lmEnc = out.putObject("lambda_max_enclosure");
        Rational[] enclosure = shifted != null ? encloseTop(shifted, lambdaMax, h, spec.topVector()) : null;
        if (enclosure != null) {
            lmEnc.put("lower", decimal(enclosure[0]));
            lmEnc.put("upper", decimal(enclosure[1]));
            lmEnc.put("method", enclosure[0].equals(enclosure[1])
                    ? "exact: lambda_max is rational; confirmed by exact inertia of H - lambda I"
                    : spec.topVector() != null
                    ? "certified: the lower end is at most the exact Rayleigh quotient x^T H x / x^T x of the refined"
                            + " eigenvector x (so an eigenvalue lies at or above it), and exact inertia shows none"
                            + " above the upper end"
                    : "certified: exact inertia shows an eigenvalue above the lower end and none above the upper end");
        } else {
            lmEnc.put("method", spec.topMethod());
        }
        if (withHessian) {
            ArrayNode rows = out.putArray("hessian");
            for (Rational[] row : h) {
                ArrayNode r = rows.addArray();
                for (Rational x : row) {
                    r.add(x.toString());
                }
            }
        }

        // ---- global minimum: exact ----
        Matrix<Rational> residual = Loss.residual(net);
        boolean onMinimum = residual.isZero();
        out.put("on_global_minimum", onMinimum);
        ObjectNode verdicts = out.putObject("verdicts");
        ObjectNode vMin = verdicts.putObject("on_global_minimum");
        vMin.put("method", "exact");
        vMin.put("reason", onMinimum ? "W_m...W_1 - T is exactly zero (and Sigma_x is positive definite)"
                : "W_m...W_1 - T has a non-zero entry " + firstNonZero(residual));

        // ---- flattest: Theorem 1 (white data, or Sigma_x = s I by scaling) ----
        phase.accept("flattest decision (Theorem 1)");
        ObjectNode vFlat = verdicts.putObject("is_flattest");
        Rational[][] target = net.target().toArray();
        FlattestValue white = FlattestValue.of(target, m, digits);
        out.put("sigma_max_T", decimal(white.sigmaMax()));
        Rational scale = isotropicScale(net.sigmaX());
        if (scale == null) {
            out.putNull("flattest_sharpness");
            if (!onMinimum) {
                notAMinimum(out, vFlat);
            } else {
                out.putNull("is_flattest");
                vFlat.put("method", "not decided");
                vFlat.put("reason", "outside Theorem 1's hypotheses: it assumes white data (A2: Sigma_x = I), and this"
                        + " Sigma_x is not a multiple of the identity, so the sharpness of the flattest minima is not known");
            }
        } else {
            FlattestValue fv = white.scaled(scale);
            out.put("flattest_sharpness", fv.isExact() ? decimal(fv.exact()) : decimal(fv.approx()));
            if (fv.isExact()) {
                out.put("flattest_sharpness_exact", fv.exact().toString());
            } else {
                ObjectNode b = out.putObject("flattest_sharpness_enclosure");
                b.put("lower", decimal(fv.lower()));
                b.put("upper", decimal(fv.upper()));
            }
            if (!scale.equals(Rational.ONE)) {
                vFlat.put("sigma_x_scale", scale.toString());
                vFlat.put("scaling", "Sigma_x = s I with s = " + scale + ": the loss is s times the white-data loss at"
                        + " every w, so H = s H_white, the global and the flattest minima are those of white data, and"
                        + " lambda* = s 2m sigma_max(T)^(2(1-1/m))");
            }
            decideFlattest(out, vFlat, onMinimum, shifted, fv, lambdaMax);
        }
        out.put("assumption_a1", a1Holds());

        // ---- layers: Theorems 2 and 3, at D digits ----
        phase.accept("layers (Theorems 2 and 3)");
        out.set("layers", new LayerAnalysis(net, digits).toJson());
        phase.accept("done");
        return out;
    }

    /** The numbers the spectrum section reports, each with how it was computed. */
    private record Spectrum(Apfloat lambdaMax, Apfloat lambdaMin, String[] values, String valuesMethod,
                            String topMethod, Rational[] topVector) {}

    /**
     * Up to {@link #FULL_SPECTRUM_LIMIT} parameters (by default) every eigenvalue is computed at D digits. Beyond, only lambda_max
     * and lambda_min are (their eigenpairs refined from a double decomposition), and the listed spectrum is the
     * double one, labelled so; should the refinement not reach D digits, the full D-digit decomposition runs.
     */
    private Spectrum spectrum(Rational[][] h, int n) {
        boolean fast = n > fullSpectrumLimit;
        if (fast) {
            phase.accept("double eigenvalues, lambda_max and lambda_min refined at " + work + " digits (" + n + "x" + n + ")");
            ExtremeEigenpairs.Result r = ExtremeEigenpairs.of(h, work);
            if (r.heldTo(digits)) {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = doubleDecimal(r.doubleValues()[i]);
                }
                return new Spectrum(r.top().value(), r.bottom().value(), values,
                        "double precision (EJML symmetric eigen-decomposition; absolute error about 1e-16 N max|lambda|),"
                                + " since N = " + n + " > " + fullSpectrumLimit + "; lambda_max and lambda_min alone are"
                                + " refined to " + digits + " digits",
                        "numerical: lambda_max's eigenpair refined at " + work + " working digits by mixed-precision"
                                + " Newton correction from a double eigen-decomposition, residual ||Hx - lambda x||/||x|| = "
                                + ApfloatMatrices.toDecimalString(r.top().residual(), 3)
                                + " (lambda_min's: " + ApfloatMatrices.toDecimalString(r.bottom().residual(), 3) + ")",
                        r.top().vector());
            }
        }
        if (!fast) {
            phase.accept("eigenvalues at " + work + " digits (" + n + "x" + n + ")");
        }
        SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(h, work);
        Apfloat[] ev = eig.eigenvalues();
        String[] values = new String[ev.length];
        for (int i = 0; i < ev.length; i++) {
            values[i] = decimal(ev[i]);
        }
        return new Spectrum(ev[0], ev[ev.length - 1], values,
                digits + " digits (" + eig.method() + " refinement of the full eigen-decomposition)",
                "numerical: eigenvalues at " + work + " working digits (" + eig.method()
                        + "), residual ||HV - V Lambda||_F = " + ApfloatMatrices.toDecimalString(eig.residualNorm(), 3),
                null);
    }

    private static String doubleDecimal(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(16)).stripTrailingZeros().toString();
    }

    private void decideFlattest(ObjectNode out, ObjectNode v, boolean onMinimum, ShiftedInertia h,
                                FlattestValue fv, Apfloat lambdaMax) {
        if (!onMinimum) {
            notAMinimum(out, v);
            return;
        }
        if (!a1Holds()) {
            out.putNull("is_flattest");
            v.put("method", "not decided");
            v.put("reason", "Theorem 1 assumes A1 (min_j d_j >= min(d_x, d_y)); this network has a bottleneck");
            return;
        }
        if (h == null) {
            Apfloat diff = ApfloatMath.abs(lambdaMax.subtract(fv.approx()));
            Apfloat tol = new Apfloat(BigInteger.TEN.pow(0)).divide(new Apfloat(BigInteger.TEN.pow(digits - 5), work))
                    .multiply(ApfloatMath.abs(fv.approx()).add(new Apfloat(1, work)));
            boolean flat = diff.compareTo(tol) <= 0;
            out.put("is_flattest", flat);
            v.put("method", "numerical");
            v.put("tolerance", ApfloatMatrices.toDecimalString(tol, 3));
            v.put("margin", ApfloatMatrices.toDecimalString(diff, 3));
            v.put("reason", "|lambda_max - lambda*| compared with 10^-(D-5) (1 + lambda*), D = " + digits
                    + ", since the Hessian is too large for exact inertia");
            return;
        }
        if (fv.isExact()) {
            Rational star = fv.exact();
            Inertia atStar = h.at(star); // inertia of H - lambda* I
            if (atStar.positive() > 0) {
                out.put("is_flattest", false);
                v.put("method", "exact");
                v.put("reason", atStar.positive() + " eigenvalue(s) of H exceed lambda* = " + star
                        + " (exact inertia of H - lambda* I)");
            } else if (atStar.zero() > 0) {
                out.put("is_flattest", true);
                v.put("method", "exact");
                v.put("reason", "lambda_max(H) = lambda* = " + star + " exactly: lambda* I - H is positive semidefinite"
                        + " with a " + atStar.zero() + "-dimensional kernel (exact inertia)");
            } else {
                out.put("is_flattest", false);
                v.put("method", "exact");
                v.put("reason", "lambda_max(H) < lambda* = " + star + ", which contradicts Theorem 1 (exact inertia)");
            }
            return;
        }
        int above = h.countAbove(fv.upper());
        if (above > 0) {
            out.put("is_flattest", false);
            v.put("method", "certified");
            v.put("reason", "an eigenvalue of H exceeds " + decimal(fv.upper()) + ", a certified upper bound of lambda*");
            return;
        }
        int aboveLow = h.countAbove(fv.lower());
        if (aboveLow == 0) {
            out.put("is_flattest", false);
            v.put("method", "certified");
            v.put("reason", "lambda_max(H) <= " + decimal(fv.lower()) + " < lambda*, which contradicts Theorem 1");
            return;
        }
        out.put("is_flattest", true);
        v.put("method", "consistent");
        Rational width = fv.upper().subtract(fv.lower());
        v.put("width", decimal(width));
        v.put("reason", "lambda_max(H) and lambda* (irrational) both lie in the certified interval ["
                + decimal(fv.lower()) + ", " + decimal(fv.upper()) + "] (exact inertia); equality holds within its width");
    }

    private static void notAMinimum(ObjectNode out, ObjectNode v) {
        out.put("is_flattest", false);
        v.put("method", "exact");
        v.put("reason", "not a global minimum (W_m...W_1 != T exactly), and the flattest minima Omega_0 are a subset"
                + " of the global minima Omega");
    }

    /** s when Sigma_x = s I exactly (s &gt; 0; s = 1 for white data, given or not), else null. */
    static Rational isotropicScale(Matrix<Rational> sigma) {
        Rational s = sigma.get(0, 0);
        if (s.signum() <= 0 || !sigma.equals(Matrix.identity(sigma.arithmetic(), sigma.rows()).scale(s))) {
            return null;
        }
        return s;
    }

    /**
     * A certified rational enclosure [lo, hi] of lambda_max(H), or null if the D-digit value cannot be confirmed.
     * With a refined eigenvector x the lower end needs no factorisation: lambda_max >= x^T H x / x^T x
     * (Courant-Fischer), evaluated exactly and rounded down to D digits; only the upper end, rounded up to the same
     * decimal grid, takes an exact inertia.
     */
    private Rational[] encloseTop(ShiftedInertia h, Apfloat approx, Rational[][] hm, Rational[] x) {
        Rational center = ApfloatMatrices.toRational(approx);
        Rational exactCandidate = FlattestValue.exactTopEigenvalue(h::at, approx, digits);
        if (exactCandidate != null) {
            return new Rational[] {exactCandidate, exactCandidate};
        }
        Rational delta = Rational.of(BigInteger.ONE, BigInteger.TEN.pow(Math.max(3, digits - 3)))
                .multiply(center.abs().add(Rational.ONE));
        Rational rayleigh = x == null ? null : roundDown(rayleighQuotient(hm, x), delta);
        for (int attempt = 0; attempt < 10; attempt++) {
            Rational lo = center.subtract(delta);
            Rational hi = center.add(delta);
            if (rayleigh != null && rayleigh.compareTo(hi) < 0) {
                // on the 10^-k grid of the lower end: a much shorter denominator makes H - hi I cheaper to eliminate
                hi = roundDown(hi.negate(), delta).negate();
                if (h.countAbove(hi) == 0) {
                    return new Rational[] {rayleigh, hi};
                }
            } else if (h.countAbove(hi) == 0 && h.countAbove(lo) > 0) {
                return new Rational[] {lo, hi};
            }
            delta = delta.multiply(Rational.of(1000));
        }
        return null;
    }

    /** x^T A x / x^T x, exactly. */
    static Rational rayleighQuotient(Rational[][] a, Rational[] x) {
        Rational num = Rational.ZERO;
        Rational den = Rational.ZERO;
        for (int i = 0; i < x.length; i++) {
            if (x[i].isZero()) {
                continue;
            }
            Rational row = Rational.ZERO;
            for (int j = 0; j < x.length; j++) {
                if (!x[j].isZero() && !a[i][j].isZero()) {
                    row = row.add(a[i][j].multiply(x[j]));
                }
            }
            num = num.add(x[i].multiply(row));
            den = den.add(x[i].multiply(x[i]));
        }
        return num.divide(den);
    }

    /** The largest multiple of 10^-k not above x, for the least k with 10^-k <= step (so it prints exactly at D digits). */
    private static Rational roundDown(Rational x, Rational step) {
        int k = 0;
        Rational unit = Rational.ONE;
        while (unit.compareTo(step) > 0) {
            unit = unit.divide(Rational.of(10));
            k++;
        }
        BigInteger scale = BigInteger.TEN.pow(k);
        BigInteger n = x.numerator().multiply(scale);
        BigInteger q = n.divide(x.denominator());
        if (n.signum() < 0 && !q.multiply(x.denominator()).equals(n)) {
            q = q.subtract(BigInteger.ONE);
        }
        return Rational.of(q, scale);
    }

    private static boolean isIdentity(Matrix<Rational> sigma) {
        return sigma.equals(Matrix.identity(sigma.arithmetic(), sigma.rows()));
    }

    private boolean a1Holds() {
        int[] d = net.dims();
        int low = Math.min(d[0], d[d.length - 1]);
        for (int x : d) {
            if (x < low) {
                return false;
            }
        }
        return true;
    }

    private Rational sampleLoss(CaseFile.Case c) {
        Matrix<Rational> pred = c.samplesX().multiply(net.product().transpose());
        Matrix<Rational> diff = c.samplesY().subtract(pred);
        return diff.frobeniusSquared().divide(Rational.of(c.samplesX().rows()));
    }

    private static String firstNonZero(Matrix<Rational> r) {
        for (int i = 0; i < r.rows(); i++) {
            for (int j = 0; j < r.cols(); j++) {
                if (!r.get(i, j).isZero()) {
                    return "(" + (i + 1) + "," + (j + 1) + ") = " + r.get(i, j);
                }
            }
        }
        return "";
    }

    private Apfloat sqrt(Rational x) {
        Apfloat a = ApfloatMatrices.fromRational(x, work);
        return a.signum() == 0 ? a : ApfloatMath.sqrt(a);
    }

    private String decimal(Rational x) {
        return ApfloatMatrices.toDecimalString(ApfloatMatrices.fromRational(x, work), digits);
    }

    private String decimal(Apfloat x) {
        return ApfloatMatrices.toDecimalString(x, digits);
    }
}
