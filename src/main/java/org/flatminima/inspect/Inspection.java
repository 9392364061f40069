package org.flatminima.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.exact.Inertia;
import org.flatminima.exact.ShiftedInertia;
import org.flatminima.io.CaseFile;
import org.flatminima.io.Json;
import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.model.Loss;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.SymmetricEigen;

/**
 * Everything {@code flatminima inspect} says about one exact network: its loss, gradient and Hessian
 * spectrum, whether it is a global minimum and a flattest one, and its layers through the lens of
 * Theorems 2 and 3. Decisions are exact (rational arithmetic and inertia) wherever the input allows;
 * every other number is computed at D digits and labelled so.
 */
public final class Inspection {
    /** Largest Hessian for which lambda_max is enclosed and flatness decided by exact inertia. */
    public static final int EXACT_DECISION_LIMIT = 400;

    private final LinearNetwork<Rational> net;
    private final int digits;
    private final int work;

    private Inspection(LinearNetwork<Rational> net, int digits) {
        this.net = net;
        this.digits = digits;
        this.work = digits + 10;
    }

    /** Inspects {@code c} at {@code digits} digits; {@code withHessian} adds the exact Hessian. */
    public static ObjectNode run(CaseFile.Case c, int digits, boolean withHessian) {
        return new Inspection(c.network(), digits).build(c, withHessian);
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
        Matrix<Rational> hExact = Loss.hessian(net);
        Rational[][] h = hExact.toArray();
        SymmetricEigen.Decomposition eig = SymmetricEigen.decompose(h, work);
        Apfloat[] ev = eig.eigenvalues();
        Apfloat lambdaMax = ev[0];
        out.put("lambda_max", decimal(lambdaMax));
        out.put("lambda_min", decimal(ev[ev.length - 1]));
        ArrayNode evs = out.putArray("hessian_eigenvalues");
        for (Apfloat x : ev) {
            evs.add(decimal(x));
        }
        // one exact factorisation of H answers every shifted query (H - sI) below
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
        Rational[] enclosure = shifted != null ? encloseTop(shifted, lambdaMax) : null;
        if (enclosure != null) {
            lmEnc.put("lower", decimal(enclosure[0]));
            lmEnc.put("upper", decimal(enclosure[1]));
            lmEnc.put("method", enclosure[0].equals(enclosure[1])
                    ? "exact: lambda_max is rational; confirmed by exact inertia of H - lambda I"
                    : "certified: exact inertia shows an eigenvalue above the lower end and none above the upper end");
        } else {
            lmEnc.put("method", "numerical: eigenvalues at " + work + " working digits (" + eig.method()
                    + "), residual ||HV - V Lambda||_F = "
                    + ApfloatMatrices.toDecimalString(eig.residualNorm(), 3));
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
        out.set("layers", new LayerAnalysis(net, digits).toJson());
        return out;
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

    /** A certified rational enclosure [lo, hi] of lambda_max(H), or null if the D-digit value cannot be confirmed. */
    private Rational[] encloseTop(ShiftedInertia h, Apfloat approx) {
        Rational center = ApfloatMatrices.toRational(approx);
        Rational exactCandidate = FlattestValue.exactTopEigenvalue(h::at, approx, digits);
        if (exactCandidate != null) {
            return new Rational[] {exactCandidate, exactCandidate};
        }
        Rational delta = Rational.of(BigInteger.ONE, BigInteger.TEN.pow(Math.max(3, digits - 3)))
                .multiply(center.abs().add(Rational.ONE));
        for (int attempt = 0; attempt < 10; attempt++) {
            Rational lo = center.subtract(delta);
            Rational hi = center.add(delta);
            if (h.countAbove(hi) == 0 && h.countAbove(lo) > 0) {
                return new Rational[] {lo, hi};
            }
            delta = delta.multiply(Rational.of(1000));
        }
        return null;
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
