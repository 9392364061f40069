package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flatminima.numbers.Rational;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A deep linear network x -> W_m ... W_1 x with symbolic weights, together with the input second
 * moment Sigma_x and the target T = Sigma_yx Sigma_x^{-1}, each of which may be symbolic or fixed.
 *
 * <p>Symbols: W_k has entries {@code wK$I$J}; a scalar network (all d_j = 1) uses {@code w$K}.
 * A symbolic Sigma_x is written Sigma_x = R R with R = Sigma_x^{1/2} symmetric with entries
 * {@code r$I$J} (scalar: R = sigma, Sigma_x = sigma^2), which keeps every expression polynomial.
 * The target is always derived through placeholder entries {@code t$I$J} (scalar: tau); its value
 * (symbolic, a planted product V_m...V_1 of teacher weights {@code vK$I$J}, or fixed rationals)
 * is substituted for display. The loss is {@code tr((P - T) Sigma_x (P - T)^T)}, which differs
 * from the empirical loss (2) by a constant independent of the weights.
 */
public final class SymbolicNetwork {
    /** How Sigma_x is given. */
    public enum SigmaKind { IDENTITY, SYMBOLIC, FIXED }

    /** How the target T is given. */
    public enum TargetKind { SYMBOLIC, PRODUCT, FIXED }

    private final int[] dims;
    private final SigmaKind sigmaKind;
    private final TargetKind targetKind;
    private final SymbolicMatrix sigmaHalf;
    private final SymbolicMatrix sigma;
    private final SymbolicMatrix targetPlaceholder;
    private final SymbolicMatrix target;
    private final List<SymbolicMatrix> weights = new ArrayList<>();
    private final List<IExpr> parameters = new ArrayList<>();

    /**
     * @param dims d_0, d_1, ..., d_m (at least two entries, all positive)
     * @param sigmaValues Sigma_x when {@code sigmaKind} is FIXED (d_0 x d_0), else ignored
     * @param targetValues T when {@code targetKind} is FIXED (d_m x d_0), else ignored
     */
    public SymbolicNetwork(int[] dims, SigmaKind sigmaKind, Rational[][] sigmaValues,
            TargetKind targetKind, Rational[][] targetValues) {
        if (dims.length < 2 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("dims must have at least two positive entries");
        }
        this.dims = dims.clone();
        this.sigmaKind = sigmaKind;
        this.targetKind = targetKind;
        int dx = dims[0];
        int dy = dims[dims.length - 1];
        boolean scalar = isScalar();
        SymjaEngine engine = SymjaEngine.instance();
        for (int k = 1; k < dims.length; k++) {
            final int layer = k;
            SymbolicMatrix w = scalar
                    ? SymbolicMatrix.symbols(1, 1, (i, j) -> SymbolNames.vectorEntry("w", layer))
                    : SymbolicMatrix.symbols(dims[k], dims[k - 1], (i, j) -> SymbolNames.layerEntry("w", layer, i, j));
            weights.add(w);
            parameters.addAll(w.vec());
        }
        switch (sigmaKind) {
            case IDENTITY -> {
                sigmaHalf = SymbolicMatrix.identity(dx);
                sigma = sigmaHalf;
            }
            case SYMBOLIC -> {
                sigmaHalf = scalar
                        ? SymbolicMatrix.of(new IExpr[][] {{engine.parse(SymbolNames.scalar("sigma"))}})
                        : SymbolicMatrix.symmetricSymbols(dx, (i, j) -> SymbolNames.matrixEntry("r", i, j));
                sigma = sigmaHalf.times(sigmaHalf);
            }
            default -> {
                sigmaHalf = null;
                sigma = SymbolicMatrix.ofRationals(sigmaValues);
            }
        }
        targetPlaceholder = scalar
                ? SymbolicMatrix.of(new IExpr[][] {{engine.parse(SymbolNames.scalar("tau"))}})
                : SymbolicMatrix.symbols(dy, dx, (i, j) -> SymbolNames.matrixEntry("t", i, j));
        switch (targetKind) {
            case SYMBOLIC -> target = targetPlaceholder;
            case PRODUCT -> {
                SymbolicMatrix p = null;
                for (int k = 1; k < dims.length; k++) {
                    final int layer = k;
                    SymbolicMatrix v = scalar
                            ? SymbolicMatrix.symbols(1, 1, (i, j) -> SymbolNames.vectorEntry("v", layer))
                            : SymbolicMatrix.symbols(dims[k], dims[k - 1], (i, j) -> SymbolNames.layerEntry("v", layer, i, j));
                    p = p == null ? v : v.times(p);
                }
                target = p;
            }
            default -> target = SymbolicMatrix.ofRationals(targetValues);
        }
    }

    /** Identity Sigma_x and a symbolic target: the setting of Lemma 3 under A2. */
    public static SymbolicNetwork white(int... dims) {
        return new SymbolicNetwork(dims, SigmaKind.IDENTITY, null, TargetKind.SYMBOLIC, null);
    }

    public int[] dims() {
        return dims.clone();
    }

    /** The number of layers m. */
    public int depth() {
        return dims.length - 1;
    }

    /** N = sum_k d_k d_{k-1}. */
    public int parameterCount() {
        return parameters.size();
    }

    public boolean isScalar() {
        return Arrays.stream(dims).allMatch(d -> d == 1);
    }

    public SigmaKind sigmaKind() {
        return sigmaKind;
    }

    public TargetKind targetKind() {
        return targetKind;
    }

    /** W_k, 1-based. */
    public SymbolicMatrix weight(int k) {
        return weights.get(k - 1);
    }

    /** The weight symbols in the order of w = vec([W_1, ..., W_m]) (each W_k column-major). */
    public List<IExpr> parameters() {
        return List.copyOf(parameters);
    }

    /** Sigma_x. */
    public SymbolicMatrix sigma() {
        return sigma;
    }

    /** Sigma_x^{1/2}, or null when Sigma_x is fixed (its square root need not be rational). */
    public SymbolicMatrix sigmaHalf() {
        return sigmaHalf;
    }

    /** The target's placeholder symbols, used during differentiation. */
    public SymbolicMatrix targetPlaceholder() {
        return targetPlaceholder;
    }

    /** The target as given (symbolic, planted product, or fixed). */
    public SymbolicMatrix target() {
        return target;
    }

    /** W_to ... W_from (1-based); the identity of size d_{from-1} when from > to. */
    public SymbolicMatrix product(int from, int to) {
        if (from > to) {
            return SymbolicMatrix.identity(dims[from - 1]);
        }
        SymbolicMatrix p = weight(from);
        for (int k = from + 1; k <= to; k++) {
            p = weight(k).times(p);
        }
        return p;
    }

    /** The end-to-end matrix P = W_m ... W_1. */
    public SymbolicMatrix endToEnd() {
        return product(1, depth());
    }

    /** Rules replacing the target placeholders by {@code value}'s entries. */
    public IExpr targetRules(SymbolicMatrix value) {
        List<IExpr> rules = new ArrayList<>();
        for (int i = 0; i < targetPlaceholder.rows(); i++) {
            for (int j = 0; j < targetPlaceholder.cols(); j++) {
                rules.add(F.Rule(targetPlaceholder.get(i, j), value.get(i, j)));
            }
        }
        return F.List(rules.toArray(new IExpr[0]));
    }

    /**
     * The loss tr((P - T) Sigma_x (P - T)^T) with T the placeholder, left unexpanded (a sum of
     * squares when Sigma_x^{1/2} is known), which is how Symja differentiates it fastest.
     */
    public IExpr lossWithPlaceholder() {
        SymjaEngine engine = SymjaEngine.instance();
        SymbolicMatrix residual = endToEnd().minus(targetPlaceholder);
        List<IExpr> terms = new ArrayList<>();
        if (sigmaHalf != null) {
            SymbolicMatrix er = sigmaKind == SigmaKind.IDENTITY ? residual : residual.times(sigmaHalf);
            for (int i = 0; i < er.rows(); i++) {
                for (int j = 0; j < er.cols(); j++) {
                    terms.add(F.Power(er.get(i, j), F.C2));
                }
            }
        } else {
            for (int i = 0; i < residual.rows(); i++) {
                for (int a = 0; a < residual.cols(); a++) {
                    for (int b = 0; b < residual.cols(); b++) {
                        terms.add(F.Times(residual.get(i, a), sigma.get(a, b), residual.get(i, b)));
                    }
                }
            }
        }
        return engine.eval(terms.size() == 1 ? terms.get(0) : F.Plus(terms.toArray(new IExpr[0])));
    }

    /** A short description such as {@code [2,2,2], Sigma_x = I, T symbolic}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(Arrays.toString(dims).replace(" ", ""));
        sb.append(", Sigma_x ").append(switch (sigmaKind) {
            case IDENTITY -> "= I";
            case SYMBOLIC -> isScalar() ? "= sigma_x^2, symbolic" : "symbolic (Sigma_x = R R, R = Sigma_x^(1/2) symmetric)";
            case FIXED -> "fixed";
        });
        sb.append(", T ").append(targetKind.name().toLowerCase(Locale.ROOT));
        return sb.toString();
    }
}
