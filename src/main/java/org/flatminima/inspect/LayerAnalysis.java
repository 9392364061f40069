package org.flatminima.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.io.Json;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.SymmetricEigen;

/**
 * The layers of a network seen through Theorems 2 and 3, at D digits: singular values of each W_k,
 * the largest gain of the partial products W_k...W_1 and W_m...W_{k+1}, the gains of T's top singular
 * vectors v and u through them against sigma_max(T)^(k/m) and sqrt(m) sigma_max(T)^(k/m), and the
 * coupling residuals of Theorem 3. These are numbers, not verdicts: the checker turns them into ones.
 */
final class LayerAnalysis {
    private final LinearNetwork<Rational> net;
    private final int digits;
    private final int work;

    LayerAnalysis(LinearNetwork<Rational> net, int digits) {
        this.net = net;
        this.digits = digits;
        this.work = digits + 10;
    }

    ObjectNode toJson() {
        int m = net.depth();
        Apfloat[][][] w = new Apfloat[m + 1][][];
        for (int k = 1; k <= m; k++) {
            w[k] = ApfloatMatrices.fromRational(net.layer(k).toArray(), work);
        }
        Apfloat[][] t = ApfloatMatrices.fromRational(net.target().toArray(), work);
        ObjectNode out = Json.mapper().createObjectNode();
        // top singular triplet of T from T^T T
        Rational[][] tExact = net.target().toArray();
        SymmetricEigen.Decomposition te = SymmetricEigen.decompose(exactGram(tExact), work);
        Apfloat s2 = nonNegative(te.eigenvalues()[0]);
        Apfloat sigma = sqrt(s2);
        out.put("sigma_max_T", str(sigma));
        boolean repeated = te.eigenvalues().length > 1
                && ApfloatMath.abs(te.eigenvalues()[0].subtract(te.eigenvalues()[1]))
                        .compareTo(tolerance(s2)) <= 0;
        out.put("top_singular_value_repeated", repeated);
        if (repeated) {
            out.put("note", "sigma_max(T) is repeated, so v and u are not unique; the gains below use one choice");
        }
        ArrayNode layers = out.putArray("per_layer");
        if (sigma.signum() == 0) {
            out.put("note", "T = 0: v and u are undefined; only singular values are reported");
        }
        Apfloat[] v = te.vector(0);
        Apfloat[] u = sigma.signum() == 0 ? null : scale(multiply(t, v), inverse(sigma));
        Apfloat mA = new Apfloat(m, work);
        Apfloat[][] prefix = ApfloatMatrices.identity(net.dims()[0]);
        Apfloat[] prevR = v;
        for (int k = 1; k <= m; k++) {
            ObjectNode layer = layers.addObject();
            layer.put("k", k);
            layer.set("singular_values", strings(singularValues(net.layer(k).toArray())));
            Apfloat[][] prefixBefore = prefix;
            prefix = ApfloatMatrices.multiply(w[k], prefix, work);
            Apfloat[][] suffix = suffix(w, k, m);
            layer.put("sigma_max_prefix", str(sqrt(nonNegative(top(exactGram(net.partialProduct(1, k).toArray()))))));
            layer.put("sigma_max_suffix",
                    str(sqrt(nonNegative(top(exactGram(net.partialProduct(k + 1, m).toArray()))))));
            if (u == null) {
                continue;
            }
            Apfloat frac = new Apfloat(k, work).divide(mA);
            Apfloat ref = pow(sigma, frac);
            layer.put("gain_v_prefix", str(norm(multiply(prefix, v))));
            layer.put("theorem2_reference", str(ref));
            layer.put("theorem2_bound", str(ApfloatMath.sqrt(mA).multiply(ref)));
            layer.put("gain_u_suffix", str(norm(multiply(ApfloatMatrices.transpose(suffix), u))));
            Apfloat refUp = pow(sigma, new Apfloat(1, work).subtract(frac));
            layer.put("theorem2_suffix_reference", str(refUp));
            layer.put("theorem2_suffix_bound", str(ApfloatMath.sqrt(mA).multiply(refUp)));
            // Theorem 3: r_k = W_{k-1}..W_1 v, q_k = (W_m..W_{k+1})^T u
            Apfloat[] r = multiply(prefixBefore, v);
            Apfloat[] q = multiply(ApfloatMatrices.transpose(suffix), u);
            Apfloat nr = norm(r);
            Apfloat nq = norm(q);
            if (nr.signum() == 0 || nq.signum() == 0) {
                layer.put("theorem3_note", "r_k or q_k is zero, so the coupling is undefined");
                continue;
            }
            Apfloat[] rb = scale(r, inverse(nr));
            Apfloat[] qb = scale(q, inverse(nq));
            Apfloat root = pow(sigma, new Apfloat(1, work).divide(mA));
            layer.put("theorem3_right_residual", shortStr(norm(subtract(multiply(w[k], rb), scale(qb, root)))));
            layer.put("theorem3_left_residual",
                    shortStr(norm(subtract(multiply(ApfloatMatrices.transpose(w[k]), qb), scale(rb, root)))));
            if (k > 1) {
                layer.put("theorem3_coupling_residual_with_previous", shortStr(norm(subtract(rb, prevR))));
            }
            prevR = qb;
        }
        return out;
    }

    private Apfloat[][] suffix(Apfloat[][][] w, int k, int m) {
        Apfloat[][] s = ApfloatMatrices.identity(net.dims()[m]);
        for (int j = m; j > k; j--) {
            s = ApfloatMatrices.multiply(s, w[j], work);
        }
        return s;
    }

    /** Singular values of an exact matrix, descending, from its smaller exact Gram matrix. */
    private Apfloat[] singularValues(Rational[][] a) {
        boolean tall = a.length >= a[0].length;
        Rational[][] g = tall ? exactGram(a) : exactGram(RationalMatrices.transpose(a));
        Apfloat[] ev = SymmetricEigen.decompose(g, work).eigenvalues();
        Apfloat[] out = new Apfloat[ev.length];
        for (int i = 0; i < ev.length; i++) {
            out[i] = sqrt(nonNegative(ev[i]));
        }
        return out;
    }

    private Apfloat top(Rational[][] sym) {
        return SymmetricEigen.decompose(sym, work).eigenvalues()[0];
    }

    /** A^T A, exactly. */
    private static Rational[][] exactGram(Rational[][] a) {
        return RationalMatrices.multiply(RationalMatrices.transpose(a), a);
    }

    private Apfloat tolerance(Apfloat scale) {
        return ApfloatMath.abs(scale).add(new Apfloat(1, work))
                .divide(ApfloatMath.pow(new Apfloat(10, work), digits - 5));
    }

    private Apfloat nonNegative(Apfloat x) {
        return x.signum() < 0 ? new Apfloat(0, work) : x;
    }

    private Apfloat sqrt(Apfloat x) {
        return x.signum() == 0 ? x : ApfloatMath.sqrt(x.precision(work));
    }

    private Apfloat pow(Apfloat x, Apfloat e) {
        return x.signum() == 0 ? x : ApfloatMath.pow(x.precision(work), e);
    }

    private Apfloat inverse(Apfloat x) {
        return new Apfloat(1, work).divide(x);
    }

    private Apfloat[] multiply(Apfloat[][] a, Apfloat[] x) {
        Apfloat[] y = new Apfloat[a.length];
        for (int i = 0; i < a.length; i++) {
            Apfloat s = new Apfloat(0, work);
            for (int j = 0; j < x.length; j++) {
                s = s.add(a[i][j].multiply(x[j]));
            }
            y[i] = s;
        }
        return y;
    }

    private Apfloat[] scale(Apfloat[] x, Apfloat c) {
        Apfloat[] y = new Apfloat[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].multiply(c);
        }
        return y;
    }

    private Apfloat[] subtract(Apfloat[] x, Apfloat[] y) {
        Apfloat[] z = new Apfloat[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i].subtract(y[i]);
        }
        return z;
    }

    private Apfloat norm(Apfloat[] x) {
        Apfloat s = new Apfloat(0, work);
        for (Apfloat a : x) {
            s = s.add(a.multiply(a));
        }
        return sqrt(s);
    }

    private ArrayNode strings(Apfloat[] xs) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Apfloat x : xs) {
            a.add(str(x));
        }
        return a;
    }

    private String str(Apfloat x) {
        return ApfloatMatrices.toDecimalString(x, digits);
    }

    private static String shortStr(Apfloat x) {
        return ApfloatMatrices.toDecimalString(x, 6);
    }

}
