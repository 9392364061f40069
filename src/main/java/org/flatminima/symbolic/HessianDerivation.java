package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A step-by-step derivation, by Symja, of the loss, its gradient blocks and its Hessian for a
 * {@link SymbolicNetwork}, their restriction to the set of global minima (substituting
 * T = W_m...W_1) and the comparison with Lemma 3's 2 Phi Phi^T. Scalar networks also get the
 * paper's Section 3 treatment ({@link ScalarFacts}).
 *
 * <p>Nothing here is hand-coded calculus: every derivative is Symja's {@code D}.
 */
public final class HessianDerivation {
    /** Seed of the rational point at which the rank of the Hessian on the minima is evaluated. */
    public static final long RANK_POINT_SEED = 20200712L;

    private final SymbolicNetwork network;
    private IExpr loss;
    private final List<SymbolicMatrix> gradientBlocks = new ArrayList<>();
    private SymbolicMatrix hessian;
    private SymbolicMatrix hessianOnMinima;
    private SymbolicMatrix phi;
    private SymbolicMatrix expected;
    private IdentityResult structure;
    private int rankAtPoint;
    private String rankPoint;
    private List<IExpr> rankRules;
    private ScalarFacts scalar;
    private final Timings timings = new Timings();

    /** Wall-clock seconds per stage. */
    public static final class Timings {
        public double loss;
        public double gradient;
        public double hessian;
        public double substitution;
        public double structure;
        public double rank;
        public double scalar;

        public double total() {
            return loss + gradient + hessian + substitution + structure + rank + scalar;
        }
    }

    private HessianDerivation(SymbolicNetwork network) {
        this.network = network;
    }

    /** Derives everything for {@code network} (which is not modified). */
    public static HessianDerivation derive(SymbolicNetwork network) {
        HessianDerivation d = new HessianDerivation(network);
        d.run();
        return d;
    }

    /** Only the Hessian with the target left symbolic (for benchmarks and cross-checks). */
    public static SymbolicMatrix hessianWithPlaceholder(SymbolicNetwork network) {
        return computeHessian(network, network.lossWithPlaceholder());
    }

    private void run() {
        SymjaEngine engine = SymjaEngine.instance();
        long t = System.nanoTime();
        IExpr lossPlaceholder = network.lossWithPlaceholder();
        IExpr targetRules = network.targetRules(network.target());
        boolean substituteTarget = network.targetKind() != SymbolicNetwork.TargetKind.SYMBOLIC;
        loss = engine.expand(substituteTarget ? F.ReplaceAll(lossPlaceholder, targetRules) : lossPlaceholder);
        timings.loss = lap(t);

        t = System.nanoTime();
        List<IExpr> params = network.parameters();
        List<IExpr> gradient = new ArrayList<>();
        for (IExpr p : params) {
            gradient.add(engine.eval(F.D(lossPlaceholder, p)));
        }
        int offset = 0;
        for (int k = 1; k <= network.depth(); k++) {
            SymbolicMatrix w = network.weight(k);
            IExpr[][] block = new IExpr[w.rows()][w.cols()];
            for (int j = 0; j < w.cols(); j++) {
                for (int i = 0; i < w.rows(); i++) {
                    IExpr g = gradient.get(offset++);
                    block[i][j] = engine.expand(substituteTarget ? F.ReplaceAll(g, targetRules) : g);
                }
            }
            gradientBlocks.add(SymbolicMatrix.of(block));
        }
        timings.gradient = lap(t);

        t = System.nanoTime();
        SymbolicMatrix hessianPlaceholder = hessianFromGradient(gradient, params);
        hessian = substituteTarget ? hessianPlaceholder.map(x -> engine.expand(F.ReplaceAll(x, targetRules)))
                : hessianPlaceholder;
        timings.hessian = lap(t);

        t = System.nanoTime();
        IExpr onMinima = network.targetRules(network.endToEnd());
        hessianOnMinima = hessianPlaceholder.map(x -> engine.expand(F.ReplaceAll(x, onMinima)));
        timings.substitution = lap(t);

        t = System.nanoTime();
        if (network.sigmaHalf() != null) {
            phi = HessianStructure.phi(network, false);
        }
        expected = HessianStructure.expectedHessian(network, 2, false);
        structure = IdentityCheck.decideEqual("hessian-structure dims=" + dimsText(network.dims())
                        + " sigma=" + network.sigmaKind().name().toLowerCase(java.util.Locale.ROOT),
                "Lemma 3, eqs. (15)-(16) and (19): on the minima, H = 2 Phi Phi^T",
                hessianOnMinima, expected);
        timings.structure = lap(t);

        t = System.nanoTime();
        rankAtRationalPoint(engine);
        timings.rank = lap(t);

        if (network.isScalar()) {
            t = System.nanoTime();
            scalar = ScalarFacts.derive(network, hessianOnMinima);
            timings.scalar = lap(t);
        }
    }

    static SymbolicMatrix computeHessian(SymbolicNetwork network, IExpr lossPlaceholder) {
        SymjaEngine engine = SymjaEngine.instance();
        List<IExpr> params = network.parameters();
        List<IExpr> gradient = new ArrayList<>();
        for (IExpr p : params) {
            gradient.add(engine.eval(F.D(lossPlaceholder, p)));
        }
        return hessianFromGradient(gradient, params);
    }

    private static SymbolicMatrix hessianFromGradient(List<IExpr> gradient, List<IExpr> params) {
        SymjaEngine engine = SymjaEngine.instance();
        int n = params.size();
        IExpr[][] h = new IExpr[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                h[i][j] = engine.expand(F.D(gradient.get(i), params.get(j)));
                h[j][i] = h[i][j];
            }
        }
        return SymbolicMatrix.of(h);
    }

    private void rankAtRationalPoint(SymjaEngine engine) {
        SplittableRandom rnd = new SplittableRandom(RANK_POINT_SEED);
        List<IExpr> rules = new ArrayList<>();
        StringBuilder point = new StringBuilder();
        for (IExpr p : network.parameters()) {
            IExpr v = F.QQ(rnd.nextLong(-9, 10), rnd.nextLong(1, 5));
            rules.add(F.Rule(p, v));
            point.append(point.length() == 0 ? "" : ", ").append(SymbolNames.plain(p.toString())).append(" = ").append(v);
        }
        // A symbolic Sigma_x^(1/2) is fixed at the identity plus a rational perturbation for the rank.
        if (network.sigmaKind() == SymbolicNetwork.SigmaKind.SYMBOLIC) {
            SymbolicMatrix r = network.sigmaHalf();
            for (int i = 0; i < r.rows(); i++) {
                for (int j = i; j < r.cols(); j++) {
                    IExpr v = i == j ? F.ZZ(2) : F.QQ(1, 3);
                    rules.add(F.Rule(r.get(i, j), v));
                    point.append(", ").append(SymbolNames.plain(r.get(i, j).toString())).append(" = ").append(v);
                }
            }
        }
        IExpr ruleList = F.List(rules.toArray(new IExpr[0]));
        IExpr numeric = engine.eval(F.ReplaceAll(hessianOnMinima.toList(), ruleList));
        IExpr rank = engine.eval(F.unaryAST1(org.matheclipse.core.expression.S.MatrixRank, numeric));
        rankAtPoint = rank.toIntDefault();
        rankPoint = point.toString();
        rankRules = List.copyOf(rules);
    }

    private static double lap(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static String dimsText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    public SymbolicNetwork network() {
        return network;
    }

    /** The loss with the target as given, expanded. */
    public IExpr loss() {
        return loss;
    }

    /** dl/dW_k (1-based k), a d_k x d_{k-1} matrix, target as given, expanded. */
    public SymbolicMatrix gradientBlock(int k) {
        return gradientBlocks.get(k - 1);
    }

    /** The N x N Hessian, target as given, expanded (rows and columns in the order of w). */
    public SymbolicMatrix hessian() {
        return hessian;
    }

    /** The Hessian at a global minimum: T replaced by W_m...W_1. */
    public SymbolicMatrix hessianOnMinima() {
        return hessianOnMinima;
    }

    /** Phi (null when Sigma_x is fixed). */
    public SymbolicMatrix phi() {
        return phi;
    }

    /** 2 Phi Phi^T. */
    public SymbolicMatrix expectedHessian() {
        return expected;
    }

    /** The Lemma 3 identity check. */
    public IdentityResult structure() {
        return structure;
    }

    /** The exact rank of the Hessian on the minima at {@link #rankPoint()}. */
    public int rankAtPoint() {
        return rankAtPoint;
    }

    /** The rational point (weights, and Sigma_x^(1/2) if symbolic) used for the rank. */
    public String rankPoint() {
        return rankPoint;
    }

    /** The rational point of {@link #rankPoint()} as Symja rules {@code symbol -> value}. */
    public List<IExpr> rankRules() {
        return rankRules;
    }

    /** Section 3 results for scalar networks, or null. */
    public ScalarFacts scalar() {
        return scalar;
    }

    public Timings timings() {
        return timings;
    }
}
