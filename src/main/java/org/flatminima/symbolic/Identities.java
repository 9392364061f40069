package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The catalogue of identities the paper's proofs rest on, each checked by reduction to a
 * canonical zero (or, for inequalities, by a non-negative-coefficient certificate). An identity
 * is named by a catalogue name and parameters, e.g. {@code hessian-structure dims=2,3,2 sigma=symbolic}.
 *
 * <p>Negative controls use the same entries with a deliberately wrong parameter
 * ({@code factor=1}, {@code swap=true} for Lemma 3): they must come back REFUTED.
 */
public final class Identities {
    /** One catalogue entry: its name, what it proves, and its parameters with defaults. */
    public record Entry(String name, String proves, Map<String, String> defaults) {}

    private static final List<Entry> CATALOGUE = List.of(
            new Entry("scalar-hessian", "eqs. (8)-(9): scalar Hessian on the minima is 2 sigma_x^2 tau^2 z z^T",
                    Map.of("m", "3")),
            new Entry("scalar-top-eigenvalue", "eq. (10): its one non-zero eigenvalue is 2 sigma_x^2 tau^2 ||z||^2",
                    Map.of("m", "3")),
            new Entry("scalar-lagrange", "(11)-(12): the Lagrange conditions of (11) force |w_j| = |tau|^(1/m)",
                    Map.of("m", "3")),
            new Entry("scalar-flattest-sharpness", "eq. (13): the flattest sharpness 2 m sigma_x^2 tau^(2(1-1/m))",
                    Map.of("m", "3")),
            new Entry("lemma2-interpolation",
                    "Lemma 2, two layers: the loss along the segment between two minima is symmetric, "
                            + "so both ends show the same curvature", Map.of()),
            new Entry("hessian-structure", "Lemma 3, eqs. (15)-(16), (19): H = 2 Phi Phi^T on the minima",
                    Map.of("dims", "2,2,2", "sigma", "identity", "factor", "2", "swap", "false")),
            new Entry("phi-norm", "eq. (21): ||Phi b||^2 = sum_k ||A_k^T B Sigma^(1/2) B_k^T||_F^2, b = vec(B)",
                    Map.of("dims", "2,2,2", "sigma", "identity")),
            new Entry("telescoping", "eqs. (24)-(25): the product over k collapses to (B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2)",
                    Map.of("m", "3", "d", "2", "sigma", "identity", "full", "false")),
            new Entry("diagonal-solution",
                    "(27) gives (28): for the diagonal solution, Hhat = 2 Phi^T Phi is diagonal, its largest entry is "
                            + "2 m sigma_max^(2(1-1/m)) (certified for ordered singular values) with eigenvector Phi(v⊗u)",
                    Map.of("m", "3", "d", "2")),
            new Entry("diagonal-gains", "Theorems 2-3 on the diagonal solution (27): v = e_1 gains sigma_max^(k/m) "
                    + "up to layer k and each layer maps e_1 to sigma_max^(1/m) e_1", Map.of("m", "3", "d", "2")),
            new Entry("balancedness", "Lemma 1: W_{k+1}^T dl/dW_{k+1} = dl/dW_k W_k^T, so gradient flow conserves "
                    + "W_{k+1}^T W_{k+1} - W_k W_k^T", Map.of("dims", "2,2,2", "sigma", "identity")),
            new Entry("identity-init", "Lemma 1: if every layer equals W = alpha I + beta T (T symmetric), all "
                    + "gradient blocks are equal, so gradient descent keeps the layers equal", Map.of("m", "3", "d", "2")));

    private Identities() {}

    /** The catalogue entries. */
    public static List<Entry> catalogue() {
        return CATALOGUE;
    }

    /** The catalogue's names. */
    public static List<String> names() {
        return CATALOGUE.stream().map(Entry::name).toList();
    }

    /**
     * Runs the identity {@code name} with {@code parameters} (unspecified ones take their
     * defaults). Throws IllegalArgumentException for an unknown name or a bad parameter.
     */
    public static List<IdentityResult> run(String name, Map<String, String> parameters) {
        Entry entry = CATALOGUE.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown identity \"" + name + "\"; expected one of: "
                        + String.join(", ", names())));
        Map<String, String> p = new LinkedHashMap<>(entry.defaults());
        for (String key : parameters.keySet()) {
            if (!entry.defaults().containsKey(key)) {
                throw new IllegalArgumentException("identity " + name + " has no parameter \"" + key + "\"; it takes: "
                        + (entry.defaults().isEmpty() ? "none" : String.join(", ", entry.defaults().keySet())));
            }
        }
        p.putAll(parameters);
        return switch (name) {
            case "scalar-hessian" -> List.of(scalar(intParam(p, "m", 1, 8)).results().get(0));
            case "scalar-top-eigenvalue" -> List.of(scalar(intParam(p, "m", 1, 8)).results().get(1));
            case "scalar-lagrange" -> List.of(scalar(intParam(p, "m", 1, 8)).results().get(2));
            case "scalar-flattest-sharpness" -> List.of(scalar(intParam(p, "m", 1, 8)).results().get(3));
            case "lemma2-interpolation" -> List.of(lemma2());
            case "hessian-structure" -> List.of(hessianStructure(dims(p), sigma(p),
                    intParam(p, "factor", -100, 100), boolParam(p, "swap")));
            case "phi-norm" -> List.of(phiNorm(dims(p), sigma(p)));
            case "telescoping" -> List.of(telescoping(intParam(p, "m", 2, 8), intParam(p, "d", 1, 4), sigma(p),
                    boolParam(p, "full")));
            case "diagonal-solution" -> diagonalSolution(intParam(p, "m", 1, 6), intParam(p, "d", 1, 3));
            case "diagonal-gains" -> List.of(diagonalGains(intParam(p, "m", 1, 8), intParam(p, "d", 1, 4)));
            case "balancedness" -> List.of(balancedness(dims(p), sigma(p)));
            case "identity-init" -> List.of(identityInit(intParam(p, "m", 1, 6), intParam(p, "d", 1, 3)));
            default -> throw new IllegalStateException(name);
        };
    }

    /**
     * Checks the parameters of identity {@code name} without running it, so that a proof file with
     * out-of-range parameters is rejected when read. Throws IllegalArgumentException as {@link #run} would.
     */
    public static void validate(String name, Map<String, String> parameters) {
        Entry entry = CATALOGUE.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown identity \"" + name + "\""));
        Map<String, String> p = new LinkedHashMap<>(entry.defaults());
        p.putAll(parameters);
        switch (name) {
            case "scalar-hessian", "scalar-top-eigenvalue", "scalar-lagrange", "scalar-flattest-sharpness" ->
                    intParam(p, "m", 1, 8);
            case "diagonal-gains" -> {
                intParam(p, "m", 1, 8);
                intParam(p, "d", 1, 4);
            }
            case "hessian-structure" -> {
                dims(p);
                sigma(p);
                intParam(p, "factor", -100, 100);
                boolParam(p, "swap");
            }
            case "phi-norm", "balancedness" -> {
                dims(p);
                sigma(p);
            }
            case "telescoping" -> {
                intParam(p, "m", 2, 8);
                intParam(p, "d", 1, 4);
                sigma(p);
                boolParam(p, "full");
            }
            case "diagonal-solution", "identity-init" -> {
                intParam(p, "m", 1, 6);
                intParam(p, "d", 1, 3);
            }
            default -> {
                // no parameters
            }
        }
    }

    // ---- scalar networks ---------------------------------------------------------------------

    private static ScalarFacts scalar(int m) {
        int[] dims = new int[m + 1];
        Arrays.fill(dims, 1);
        SymbolicNetwork net = new SymbolicNetwork(dims, SymbolicNetwork.SigmaKind.SYMBOLIC, null,
                SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymbolicMatrix h = HessianDerivation.hessianWithPlaceholder(net);
        IExpr onMinima = net.targetRules(net.endToEnd());
        SymjaEngine engine = SymjaEngine.instance();
        return ScalarFacts.derive(net, h.map(x -> engine.expand(F.ReplaceAll(x, onMinima))));
    }

    /** Two-layer scalar network; minima (a, tau/a) and (b, tau/b); loss along the segment. */
    static IdentityResult lemma2() {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr a = engine.parse("a$");
        IExpr b = engine.parse("b$");
        IExpr tau = engine.parse("tau$");
        IExpr sigma = engine.parse("sigma$");
        IExpr t = engine.parse("t$");
        IExpr oneMinusT = F.Subtract(F.C1, t);
        IExpr w1 = F.Plus(F.Times(oneMinusT, a), F.Times(t, b));
        IExpr w2 = F.Plus(F.Times(oneMinusT, F.Times(tau, F.Power(a, F.CN1))), F.Times(t, F.Times(tau, F.Power(b, F.CN1))));
        IExpr g = engine.eval(F.Times(F.Power(sigma, F.C2), F.Power(F.Subtract(F.Times(w1, w2), tau), F.C2)));
        IExpr mirrored = F.ReplaceAll(g, F.Rule(t, oneMinusT));
        IExpr g2 = engine.eval(F.D(F.D(g, t), t));
        IExpr curvatureAt0 = F.ReplaceAll(g2, F.Rule(t, F.C0));
        IExpr curvatureAt1 = F.ReplaceAll(g2, F.Rule(t, F.C1));
        // The two ends are minima: the loss and its slope vanish there.
        IExpr slope = engine.eval(F.D(g, t));
        return IdentityCheck.decideZero("lemma2-interpolation",
                "Lemma 2 (two layers): for minima w1 = (a, tau/a), w2 = (b, tau/b) and "
                        + "g(t) = sigma_x^2 (w_1(t) w_2(t) - tau)^2 on w(t) = (1-t) w1 + t w2: g(t) = g(1-t), "
                        + "g(0) = g'(0) = 0 and g''(0) = g''(1), whatever the sharpness of w2",
                List.of(F.Subtract(g, mirrored), F.ReplaceAll(g, F.Rule(t, F.C0)), F.ReplaceAll(slope, F.Rule(t, F.C0)),
                        F.Subtract(curvatureAt0, curvatureAt1)),
                List.of("g(t) - g(1-t)", "g(0)", "g'(0)", "g''(0) - g''(1)"));
    }

    // ---- Lemma 3 and the proof of Theorem 1 ---------------------------------------------------

    static IdentityResult hessianStructure(int[] dims, SymbolicNetwork.SigmaKind sigma, int factor, boolean swap) {
        SymbolicNetwork net = new SymbolicNetwork(dims, sigma, null, SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymjaEngine engine = SymjaEngine.instance();
        SymbolicMatrix h = HessianDerivation.hessianWithPlaceholder(net);
        IExpr onMinima = net.targetRules(net.endToEnd());
        SymbolicMatrix hOnMinima = h.map(x -> engine.expand(F.ReplaceAll(x, onMinima)));
        SymbolicMatrix expected = HessianStructure.expectedHessian(net, factor, swap);
        String name = "hessian-structure dims=" + HessianDerivation.dimsText(dims) + " sigma=" + lower(sigma)
                + (factor != 2 ? " factor=" + factor : "") + (swap ? " swap=true" : "");
        String statement = "Lemma 3: on the minima (T = W_m...W_1) the Hessian derived by Symja equals "
                + factor + " Phi Phi^T, Phi_k = " + (swap ? "(W_m...W_{k+1})^T ⊗ (W_{k-1}...W_1 Sigma^(1/2)) [swapped]"
                : "(W_{k-1}...W_1 Sigma^(1/2)) ⊗ (W_m...W_{k+1})^T") + ", N = " + net.parameterCount();
        return IdentityCheck.decideEqual(name, statement, hOnMinima, expected);
    }

    static IdentityResult phiNorm(int[] dims, SymbolicNetwork.SigmaKind sigma) {
        SymbolicNetwork net = new SymbolicNetwork(dims, sigma, null, SymbolicNetwork.TargetKind.SYMBOLIC, null);
        int dx = dims[0];
        int dy = dims[dims.length - 1];
        SymbolicMatrix b = SymbolicMatrix.symbols(dy, dx, (i, j) -> SymbolNames.matrixEntry("b", i, j));
        SymbolicMatrix phi = HessianStructure.phi(net, false);
        IExpr lhs = phi.times(SymbolicMatrix.column(b.vec())).frobeniusSquared();
        List<IExpr> terms = new ArrayList<>();
        SymbolicMatrix half = net.sigmaHalf();
        for (int k = 1; k <= net.depth(); k++) {
            SymbolicMatrix inner = net.product(k + 1, net.depth()).transpose().times(b).times(half)
                    .times(net.product(1, k - 1).transpose());
            terms.add(inner.frobeniusSquared());
        }
        IExpr rhs = SymjaEngine.instance().expand(F.Plus(terms.toArray(new IExpr[0])));
        return IdentityCheck.decideEqual("phi-norm dims=" + HessianDerivation.dimsText(dims) + " sigma=" + lower(sigma),
                "eq. (21): ||Phi vec(B)||^2 = sum_k ||(W_m...W_{k+1})^T B Sigma^(1/2) (W_{k-1}...W_1)^T||_F^2 "
                        + "for symbolic B (" + dy + "x" + dx + ")", lhs, rhs);
    }

    /**
     * (24): for every q the two middle factors of consecutive terms meet as
     * (W_q...W_1)^T (W_m...W_{q+1})^T = T^T with T = W_m...W_1; by associativity the product over k
     * is then (B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2), (25). With {@code full} the expanded product
     * identity (25) itself is also checked (its expansion grows fast: feasible up to m = 3 for 2x2).
     */
    static IdentityResult telescoping(int m, int d, SymbolicNetwork.SigmaKind sigma, boolean full) {
        int[] dims = new int[m + 1];
        Arrays.fill(dims, d);
        SymbolicNetwork net = new SymbolicNetwork(dims, sigma, null, SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymbolicMatrix tt = net.endToEnd().transpose();
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int q = 1; q < m; q++) {
            SymbolicMatrix middle = net.product(1, q).transpose().times(net.product(q + 1, m).transpose());
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    residuals.add(F.Subtract(middle.get(i, j), tt.get(i, j)));
                    where.add("(24), q = " + q + ", entry (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
        if (full) {
            SymbolicMatrix b = SymbolicMatrix.symbols(d, d, (i, j) -> SymbolNames.matrixEntry("b", i, j));
            SymbolicMatrix bs = b.times(net.sigmaHalf());
            SymbolicMatrix lhs = null;
            for (int k = 1; k <= m; k++) {
                SymbolicMatrix factor = net.product(k + 1, m).transpose().times(bs).times(net.product(1, k - 1).transpose());
                lhs = lhs == null ? factor : factor.times(lhs);
            }
            SymbolicMatrix step = bs.times(tt);
            SymbolicMatrix rhs = bs;
            for (int k = 1; k < m; k++) {
                rhs = step.times(rhs);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    residuals.add(F.Subtract(lhs.get(i, j), rhs.get(i, j)));
                    where.add("(25), entry (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
        return IdentityCheck.decideZero("telescoping m=" + m + " d=" + d + " sigma=" + lower(sigma)
                        + (full ? " full=true" : ""),
                "eq. (24): (W_q...W_1)^T (W_m...W_{q+1})^T = T^T for q = 1..m-1 with T = W_m...W_1 (symbolic " + d
                        + "x" + d + " weights), so by associativity prod_{k=m..1} (W_m...W_{k+1})^T B Sigma^(1/2) "
                        + "(W_{k-1}...W_1)^T = (B Sigma^(1/2) T^T)^(m-1) B Sigma^(1/2), eq. (25)"
                        + (full ? "; (25) is also checked fully expanded for symbolic B" : ""),
                residuals, where);
    }

    /** (27) with U = V = I and W_j = diag(a_1..a_d), sigma_i(T) = a_i^m. */
    static List<IdentityResult> diagonalSolution(int m, int d) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[] a = new IExpr[d];
        for (int i = 0; i < d; i++) {
            a[i] = engine.parse(SymbolNames.vectorEntry("a", i + 1));
        }
        DiagonalNetwork net = new DiagonalNetwork(m, a);
        SymbolicMatrix phi = net.phi();
        SymbolicMatrix hhat = phi.transpose().times(phi).scale(F.C2);
        int n = d * d;
        List<IExpr> offDiagonal = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    offDiagonal.add(hhat.get(i, j));
                    where.add("Hhat (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
        IExpr top = F.Times(F.ZZ(2L * m), F.Power(a[0], F.ZZ(2L * (m - 1))));
        offDiagonal.add(F.Subtract(hhat.get(0, 0), top));
        where.add("Hhat (1,1) - 2 m a_1^(2(m-1))");
        // H b = lambda b for b = Phi (v ⊗ u) = Phi e_1.
        SymbolicMatrix h = phi.times(phi.transpose()).scale(F.C2);
        SymbolicMatrix bvec = phi.block(0, phi.rows(), 0, 1);
        SymbolicMatrix hb = h.times(bvec);
        for (int i = 0; i < bvec.rows(); i++) {
            offDiagonal.add(F.Subtract(hb.get(i, 0), F.Times(top, bvec.get(i, 0))));
            where.add("(H b - lambda b)_" + (i + 1));
        }
        String tag = " m=" + m + " d=" + d;
        IdentityResult structure = IdentityCheck.decideZero("diagonal-solution" + tag,
                "(27)-(28): for W_j = diag(a_1..a_d) (so T = diag(a_i^m), sigma_i(T)^(1/m) = a_i), Hhat = 2 Phi^T Phi "
                        + "is diagonal, Hhat_11 = 2 m a_1^(2(m-1)) = 2 m sigma_max^(2(1-1/m)), and b = Phi (v ⊗ u) "
                        + "satisfies H b = Hhat_11 b", offDiagonal, where);
        // Certificate that Hhat_11 is the largest diagonal entry when a_1 >= a_i >= 0:
        // substitute a_i = a_1/(1 + s_i), s_i >= 0; top - Hhat_pp must have non-negative coefficients.
        List<IExpr> rules = new ArrayList<>();
        for (int i = 1; i < d; i++) {
            rules.add(F.Rule(a[i], F.Times(a[0], F.Power(F.Plus(F.C1, engine.parse(SymbolNames.vectorEntry("s", i + 1))), F.CN1))));
        }
        IExpr ruleList = F.List(rules.toArray(new IExpr[0]));
        List<IExpr> gaps = new ArrayList<>();
        List<String> gapWhere = new ArrayList<>();
        for (int p = 1; p < n; p++) {
            gaps.add(F.ReplaceAll(F.Subtract(top, hhat.get(p, p)), ruleList));
            gapWhere.add("Hhat (1,1) - Hhat (" + (p + 1) + "," + (p + 1) + ")");
        }
        IdentityResult order = IdentityCheck.decideNonnegative("diagonal-solution-top" + tag,
                "(28): with a_1 >= a_i >= 0 (a_i = a_1/(1+s_i), s_i >= 0) every diagonal entry of Hhat is at most "
                        + "Hhat_11: each gap has a non-negative-coefficient numerator and denominator, so "
                        + "lambda_max(H) = 2 m sigma_max^(2(1-1/m))", gaps, gapWhere);
        return List.of(structure, order);
    }

    static IdentityResult diagonalGains(int m, int d) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr[] a = new IExpr[d];
        for (int i = 0; i < d; i++) {
            a[i] = engine.parse(SymbolNames.vectorEntry("a", i + 1));
        }
        DiagonalNetwork net = new DiagonalNetwork(m, a);
        SymbolicMatrix e1 = SymbolicMatrix.diagonal(d, 1, new IExpr[] {F.C1});
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            SymbolicMatrix gain = net.product(1, k).times(e1);
            SymbolicMatrix back = net.product(k + 1, m).transpose().times(e1);
            SymbolicMatrix layer = net.weight(k).times(e1);
            for (int i = 0; i < d; i++) {
                residuals.add(F.Subtract(gain.get(i, 0), F.Times(F.Power(a[0], F.ZZ(k)), e1.get(i, 0))));
                where.add("(W_" + k + "...W_1 v - a_1^" + k + " v)_" + (i + 1));
                residuals.add(F.Subtract(back.get(i, 0), F.Times(F.Power(a[0], F.ZZ(m - k)), e1.get(i, 0))));
                where.add("((W_m...W_" + (k + 1) + ")^T u - a_1^" + (m - k) + " u)_" + (i + 1));
                residuals.add(F.Subtract(layer.get(i, 0), F.Times(a[0], e1.get(i, 0))));
                where.add("(W_" + k + " r_k - a_1 r_k)_" + (i + 1));
            }
        }
        return IdentityCheck.decideZero("diagonal-gains m=" + m + " d=" + d,
                "Theorems 2(i),(iii) and 3 on the diagonal solution (27) with u = v = e_1: "
                        + "W_k...W_1 v = sigma_max^(k/m) v, (W_m...W_{k+1})^T u = sigma_max^(1-k/m) u, "
                        + "W_k r_k = sigma_max^(1/m) r_k with r_k = q_{k-1} = e_1", residuals, where);
    }

    // ---- Lemma 1 -----------------------------------------------------------------------------

    static IdentityResult balancedness(int[] dims, SymbolicNetwork.SigmaKind sigma) {
        SymbolicNetwork net = new SymbolicNetwork(dims, sigma, null, SymbolicNetwork.TargetKind.SYMBOLIC, null);
        List<SymbolicMatrix> grads = gradientBlocks(net);
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int k = 1; k < net.depth(); k++) {
            SymbolicMatrix lhs = net.weight(k + 1).transpose().times(grads.get(k));
            SymbolicMatrix rhs = grads.get(k - 1).times(net.weight(k).transpose());
            for (int i = 0; i < lhs.rows(); i++) {
                for (int j = 0; j < lhs.cols(); j++) {
                    residuals.add(F.Subtract(lhs.get(i, j), rhs.get(i, j)));
                    where.add("k = " + k + ", entry (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
        return IdentityCheck.decideZero("balancedness dims=" + HessianDerivation.dimsText(dims) + " sigma=" + lower(sigma),
                "Lemma 1: with G_k = dl/dW_k derived by Symja, W_{k+1}^T G_{k+1} = G_k W_k^T identically, hence "
                        + "d/dt (W_{k+1}^T W_{k+1} - W_k W_k^T) = 0 along gradient flow", residuals, where);
    }

    static IdentityResult identityInit(int m, int d) {
        int[] dims = new int[m + 1];
        Arrays.fill(dims, d);
        SymbolicNetwork net = new SymbolicNetwork(dims, SymbolicNetwork.SigmaKind.IDENTITY, null,
                SymbolicNetwork.TargetKind.SYMBOLIC, null);
        SymjaEngine engine = SymjaEngine.instance();
        List<SymbolicMatrix> grads = gradientBlocks(net);
        SymbolicMatrix t = net.targetPlaceholder();
        // T symmetric: t_ji -> t_ij (i < j); every layer W = alpha I + beta T.
        List<IExpr> rules = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                rules.add(F.Rule(t.get(i, j), t.get(j, i)));
            }
        }
        IExpr symmetric = F.List(rules.toArray(new IExpr[0]));
        SymbolicMatrix ts = t.map(x -> engine.eval(F.ReplaceAll(x, symmetric)));
        SymbolicMatrix w = SymbolicMatrix.identity(d).scale(engine.parse("alpha$")).plus(ts.scale(engine.parse("beta$")));
        List<IExpr> layerRules = new ArrayList<>(rules);
        for (int k = 1; k <= m; k++) {
            SymbolicMatrix wk = net.weight(k);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    layerRules.add(F.Rule(wk.get(i, j), w.get(i, j)));
                }
            }
        }
        IExpr at = F.List(layerRules.toArray(new IExpr[0]));
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int k = 2; k <= m; k++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    residuals.add(F.ReplaceAll(F.Subtract(grads.get(k - 1).get(i, j), grads.get(0).get(i, j)), at));
                    where.add("G_" + k + " - G_1, entry (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
        return IdentityCheck.decideZero("identity-init m=" + m + " d=" + d,
                "Lemma 1: at W_1 = ... = W_m = alpha I + beta T with T symmetric (identity initialisation is "
                        + "alpha = 1, beta = 0), all gradient blocks dl/dW_k are equal and again of the form "
                        + "alpha' I + beta' T-polynomial, so the layers stay equal along gradient descent",
                residuals, where);
    }

    /** The gradient blocks dl/dW_k derived by Symja, T symbolic. */
    static List<SymbolicMatrix> gradientBlocks(SymbolicNetwork net) {
        SymjaEngine engine = SymjaEngine.instance();
        IExpr loss = net.lossWithPlaceholder();
        List<SymbolicMatrix> out = new ArrayList<>();
        for (int k = 1; k <= net.depth(); k++) {
            SymbolicMatrix w = net.weight(k);
            out.add(w.map(x -> engine.expand(F.D(loss, x))));
        }
        return out;
    }

    // ---- parameters --------------------------------------------------------------------------

    private static int intParam(Map<String, String> p, String key, int min, int max) {
        String v = p.get(key);
        int x;
        try {
            x = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got \"" + v + "\"");
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", got " + x);
        }
        return x;
    }

    private static boolean boolParam(Map<String, String> p, String key) {
        String v = p.get(key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got \"" + v + "\"");
        }
        return Boolean.parseBoolean(v);
    }

    /** Dims "2,3,2" with at most {@link #MAX_PARAMETERS} parameters. */
    static int[] dims(Map<String, String> p) {
        int[] dims = parseDims(p.get("dims"));
        int n = 0;
        for (int k = 1; k < dims.length; k++) {
            n += dims[k] * dims[k - 1];
        }
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException("dims " + p.get("dims") + " give N = " + n + " parameters; at most "
                    + MAX_PARAMETERS + " are supported symbolically");
        }
        return dims;
    }

    /** The largest network handled symbolically: N <= 24 parameters, the size the derivations are budgeted for. */
    public static final int MAX_PARAMETERS = 24;

    /** Parses "d0,d1,...,dm" (two or more positive integers). */
    public static int[] parseDims(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length < 2) {
            throw new IllegalArgumentException("dims must list at least d0 and d1, got \"" + text + "\"");
        }
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dims entry \"" + parts[i] + "\" is not an integer");
            }
            if (dims[i] < 1 || dims[i] > 8) {
                throw new IllegalArgumentException("dims entries must be in 1..8, got " + dims[i]);
            }
        }
        return dims;
    }

    private static SymbolicNetwork.SigmaKind sigma(Map<String, String> p) {
        String v = p.get("sigma").trim();
        return switch (v) {
            case "identity" -> SymbolicNetwork.SigmaKind.IDENTITY;
            case "symbolic" -> SymbolicNetwork.SigmaKind.SYMBOLIC;
            default -> throw new IllegalArgumentException("sigma must be identity or symbolic, got \"" + v + "\"");
        };
    }

    private static String lower(SymbolicNetwork.SigmaKind s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
