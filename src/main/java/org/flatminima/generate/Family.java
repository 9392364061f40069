package org.flatminima.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.flatminima.exact.RationalMatrices;
import org.flatminima.numbers.Rational;

/**
 * The seeded families of exact instances. {@code generate(seed, maxDim, maxDepth)} draws the widths from
 * one seeded stream and everything else (the roots of T's singular values, the orthogonal and invertible
 * factors) from another, so an instance replays exactly from its family, seed and widths, which it
 * records. Every instance is a global minimum: its layers multiply to its target exactly.
 *
 * <p>The families marked {@link #meetsHypotheses()} meet assumptions A1 (no hidden width below
 * min(d_0, d_m)) and A2 (Sigma_x = I); {@link #SIGMA_X_NOT_IDENTITY} and {@link #BOTTLENECK} break one of
 * them on purpose, for results reported as "hypothesis not met".
 */
public enum Family {
    /** The paper's eq. (27): W_m = U S^{1/m}, W_j = S^{1/m}, W_1 = S^{1/m} V^T with Cayley-orthogonal U, V. */
    FLATTEST_EQ27("flattest-eq27", true, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            Svd t = Svd.random(rnd, dims, roots(given, rnd, Math.min(dims[0], dims[dims.length - 1])));
            return t.network(label(), seed, ExactNetworks.eq27(dims, t.roots, t.u, t.v), true);
        }
    },
    /** Eq. (27) followed by W_k -&gt; Q_k W_k Q_{k-1}^T with random rational orthogonal Q_k (Q_0 = Q_m = I). */
    FLATTEST_GAUGED("flattest-gauged", true, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            Svd t = Svd.random(rnd, dims, roots(given, rnd, Math.min(dims[0], dims[dims.length - 1])));
            List<Rational[][]> layers = ExactNetworks.eq27(dims, t.roots, t.u, t.v);
            return t.network(label(), seed, ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims)), true);
        }
    },
    /**
     * Theorem 4 instances: diagonal layers whose top entry is r_1 in every layer but whose lower entries
     * differ between layers (pairs of layers trade a factor c and 1/c on one index, zero singular values
     * of T are carried by one layer while the others hold arbitrary values, entries past T's rank are
     * free), every entry in [0, r_1]; then a random orthogonal gauge. Flattest by Theorem 4.
     */
    FLATTEST_UNEQUAL_LOWER("flattest-unequal-lower", true, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            int p = Math.min(dims[0], dims[dims.length - 1]);
            Svd t = Svd.random(rnd, dims, roots(given, rnd, p));
            List<Rational[]> diagonals = unequalLowerDiagonals(rnd, dims, t.roots);
            List<Rational[][]> layers = ExactNetworks.diagonalChain(dims, diagonals, t.u, t.v);
            return t.network(label(), seed, ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims)), true);
        }
    },
    /**
     * Flattest minima outside Theorem 4's condition (depth at least 3, d_0, d_m &gt;= 2): diagonal layers whose
     * top entry is r != 1 in every layer (so sigma_max(T) = r^m), while on each lower index one layer holds
     * g r with g &gt; 1 (drawn from {5/4, 4/3, 3/2}) and the others c r with c &lt;= 1/2, and hidden entries past max(d_0, d_m)
     * (never passed on) hold 2r; then a random orthogonal gauge. Some layer has sigma_max(W_k) &gt; r, so
     * Theorem 4 does not apply, yet lambda_max(H) = lambda*: in the diagonal frame 2 Phi^T Phi is diagonal
     * with entries 2 sum_k prod_(l&lt;k) e_(l,j)^2 prod_(l&gt;k) e_(l,i)^2, whose (0,0) entry is lambda* and whose
     * others are checked exactly to be at most lambda* ({@link #offTheorem4Diagonals}; c is halved and the
     * free entries lowered until they are).
     */
    FLATTEST_OFF_THEOREM4("flattest-off-theorem4", true, 3) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            int m = dims.length - 1;
            Rational r = given != null ? given[0] : TOP_ROOTS[rnd.nextInt(TOP_ROOTS.length)];
            List<Rational[]> diagonals = offTheorem4Diagonals(rnd, dims, r);
            if (diagonals.stream().flatMap(Arrays::stream).noneMatch(x -> x.compareTo(r) > 0)) {
                throw new IllegalArgumentException(label() + " needs d_0, d_m >= 2 or a hidden width above them: "
                        + Arrays.toString(dims));
            }
            Rational[][] u = RandomOrthogonal.orthogonal(rnd, dims[m]);
            Rational[][] v = RandomOrthogonal.orthogonal(rnd, dims[0]);
            List<Rational[][]> layers = ExactNetworks.diagonalChain(dims, diagonals, u, v);
            Rational[][] t = layers.get(0);
            for (int k = 1; k < m; k++) {
                t = RationalMatrices.multiply(layers.get(k), t);
            }
            layers = ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims));
            return new ExactNetwork(label(), seed, dims, layers, t, RationalMatrices.identity(dims[0]), true,
                    r.pow(m), r);
        }

        @Override
        int[] randomDims(SplittableRandom rnd, int maxDim, int maxDepth) {
            if (maxDim < 2) {
                throw new IllegalArgumentException(label() + " needs widths of at least 2");
            }
            int m = rnd.nextInt(minDepth(), Math.max(minDepth(), maxDepth) + 1);
            int[] d = new int[m + 1];
            d[0] = rnd.nextInt(2, maxDim + 1);
            d[m] = rnd.nextInt(2, maxDim + 1);
            int p = Math.min(d[0], d[m]);
            for (int j = 1; j < m; j++) {
                d[j] = rnd.nextInt(p, maxDim + 1);
            }
            return d;
        }
    },
    /**
     * A flattest-gauged minimum moved by W_k -&gt; G_k W_k G_{k-1}^{-1} with random non-orthogonal invertible
     * G_k: still a global minimum, generally sharper. Depth at least 2.
     */
    NON_FLATTEST("minimum-non-flattest", true, 2) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            Svd t = Svd.random(rnd, dims, roots(given, rnd, Math.min(dims[0], dims[dims.length - 1])));
            List<Rational[][]> layers = ExactNetworks.eq27(dims, t.roots, t.u, t.v);
            layers = ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims));
            return t.network(label(), seed, ExactNetworks.invertibleGauge(layers, invertibles(rnd, dims)), false);
        }
    },
    /** Scalar flattest minima: all widths 1, |w_j| = r = |tau|^{1/m}, random signs (tau = prod w_j). */
    SCALAR_FLATTEST("scalar-flattest", true, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            int m = dims.length - 1;
            Rational r = RandomRationals.positive(rnd, 5, 3);
            Rational[] w = new Rational[m];
            for (int j = 0; j < m; j++) {
                w[j] = rnd.nextBoolean() ? r : r.negate();
            }
            return scalar(label(), seed, w, true);
        }

        @Override
        int[] randomDims(SplittableRandom rnd, int maxDim, int maxDepth) {
            return RandomDimensions.uniform(1, rnd.nextInt(minDepth(), maxDepth + 1));
        }
    },
    /**
     * Scalar global minima: w_1..w_{m-1} random non-zero, w_m = tau / (w_1...w_{m-1}); tau = +-r^m half the
     * time (so |tau|^{1/m} is rational), a random rational otherwise. Depth at least 2.
     */
    SCALAR_MINIMUM("scalar-minimum", true, 2) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            int m = dims.length - 1;
            Rational tau = rnd.nextBoolean()
                    ? RandomRationals.positive(rnd, 5, 3).pow(m)
                    : RandomRationals.positive(rnd, 9, 4);
            if (rnd.nextBoolean()) {
                tau = tau.negate();
            }
            Rational[] w = new Rational[m];
            Rational rest = Rational.ONE;
            for (int j = 0; j < m - 1; j++) {
                w[j] = RandomRationals.nonZero(rnd, 4, 3);
                rest = rest.multiply(w[j]);
            }
            w[m - 1] = tau.divide(rest);
            return scalar(label(), seed, w, false);
        }

        @Override
        int[] randomDims(SplittableRandom rnd, int maxDim, int maxDepth) {
            return RandomDimensions.uniform(1, rnd.nextInt(minDepth(), maxDepth + 1));
        }
    },
    /**
     * A random rational target T (not built from perfect powers, so sigma_max(T) is generally irrational and
     * left null), factored through rectangular identities and moved by a random invertible gauge.
     */
    RANDOM_TARGET("random-target", true, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            int m = dims.length - 1;
            Rational[][] t;
            do {
                t = RandomRationals.matrix(rnd, dims[m], dims[0], 5, 4);
            } while (RationalMatrices.isZero(t));
            List<Rational[][]> layers = ExactNetworks.identityChain(dims, t);
            if (m >= 2) {
                layers = ExactNetworks.invertibleGauge(layers, invertibles(rnd, dims));
            }
            return new ExactNetwork(label(), seed, dims, layers, t, RationalMatrices.identity(dims[0]), false,
                    null, null);
        }
    },
    /**
     * Hypothesis A2 not met: a flattest-gauged construction (flattest for Sigma_x = I) paired with a random
     * non-identity symmetric positive definite Sigma_x = L L^T. No flatness is claimed.
     */
    SIGMA_X_NOT_IDENTITY("sigma-x-not-identity", false, 1) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            Svd t = Svd.random(rnd, dims, roots(given, rnd, Math.min(dims[0], dims[dims.length - 1])));
            List<Rational[][]> layers = ExactNetworks.eq27(dims, t.roots, t.u, t.v);
            layers = ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims));
            Rational[][] sigma = RandomRationals.positiveDefinite(rnd, dims[0], 2, 2);
            ExactNetwork n = t.network(label(), seed, layers, false);
            return withSigmaX(n, sigma);
        }
    },
    /**
     * Hypothesis A1 not met: some hidden width b is below min(d_0, d_m); T = U S V^T has rank at most b
     * (so it is still reachable), and the layers are eq. (27)'s diagonal chain on its b non-trivial roots
     * followed by a random orthogonal gauge. No flatness is claimed. Depth at least 2.
     */
    BOTTLENECK("bottleneck", false, 2) {
        @Override
        ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given) {
            if (RandomDimensions.meetsA1(dims)) {
                throw new IllegalArgumentException("bottleneck widths must violate A1: " + Arrays.toString(dims));
            }
            Svd t = Svd.random(rnd, dims, roots(given, rnd, RandomDimensions.narrowest(dims)));
            List<Rational[][]> layers = ExactNetworks.eq27(dims, t.roots, t.u, t.v);
            layers = ExactNetworks.orthogonalGauge(layers, orthogonals(rnd, dims));
            return t.network(label(), seed, layers, false);
        }

        @Override
        int[] randomDims(SplittableRandom rnd, int maxDim, int maxDepth) {
            return RandomDimensions.bottleneck(rnd, maxDepth, maxDim);
        }
    };

    /** The top roots r = sigma_max(T)^(1/m) the off-Theorem-4 family draws from (never 1). */
    static final Rational[] TOP_ROOTS = {Rational.of(3, 2), Rational.of(2), Rational.of(5, 4), Rational.of(4, 3),
        Rational.of(2, 3), Rational.of(1, 2), Rational.of(5, 3)};

    /** Mixed into the seed for the stream that draws the widths. */
    public static final long WIDTHS_SALT = 0x5DEECE66DL;

    private final String label;
    private final boolean meetsHypotheses;
    private final int minDepth;

    Family(String label, boolean meetsHypotheses, int minDepth) {
        this.label = label;
        this.meetsHypotheses = meetsHypotheses;
        this.minDepth = minDepth;
    }

    /** The name recorded in every instance, e.g. "flattest-gauged". */
    public String label() {
        return label;
    }

    /** True if the family's instances meet A1 and A2. */
    public boolean meetsHypotheses() {
        return meetsHypotheses;
    }

    /** The smallest depth the family can be drawn at. */
    public int minDepth() {
        return minDepth;
    }

    /** The family with this label; {@link IllegalArgumentException} listing the labels otherwise. */
    public static Family byLabel(String label) {
        for (Family f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown family \"" + label + "\"; expected one of: " + labels());
    }

    /** All labels, comma-separated. */
    public static String labels() {
        return Arrays.stream(values()).map(Family::label).collect(Collectors.joining(", "));
    }

    /**
     * An instance with random widths of at most {@code maxDim} and depth at most {@code maxDepth}. The widths
     * come from {@code new SplittableRandom(seed ^ WIDTHS_SALT)} and everything else from
     * {@code new SplittableRandom(seed)}, so {@code generate(n.seed(), n.dims())} replays an instance n.
     */
    public ExactNetwork generate(long seed, int maxDim, int maxDepth) {
        if (maxDepth < minDepth || maxDim < 1) {
            throw new IllegalArgumentException(label + " needs depth >= " + minDepth + " and widths >= 1");
        }
        int[] dims = randomDims(new SplittableRandom(seed ^ WIDTHS_SALT), maxDim, maxDepth);
        return build(new SplittableRandom(seed), seed, dims, null);
    }

    /** An instance with the given widths d_0..d_m, the rest drawn from {@code new SplittableRandom(seed)}. */
    public ExactNetwork generate(long seed, int[] dims) {
        checkDims(dims);
        return build(new SplittableRandom(seed), seed, dims.clone(), null);
    }

    private void checkDims(int[] dims) {
        int m = dims.length - 1;
        if (m < minDepth) {
            throw new IllegalArgumentException(label + " needs depth >= " + minDepth);
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("widths must be positive: " + Arrays.toString(dims));
            }
        }
        boolean scalar = this == SCALAR_FLATTEST || this == SCALAR_MINIMUM;
        if (scalar && Arrays.stream(dims).anyMatch(d -> d != 1)) {
            throw new IllegalArgumentException(label + " needs all widths 1: " + Arrays.toString(dims));
        }
        if (this != BOTTLENECK && !RandomDimensions.meetsA1(dims)) {
            throw new IllegalArgumentException(label + " needs widths meeting A1: " + Arrays.toString(dims));
        }
        if (this == BOTTLENECK && RandomDimensions.meetsA1(dims)) {
            throw new IllegalArgumentException(label + " needs widths violating A1: " + Arrays.toString(dims));
        }
    }

    /** True for the families built from T = U S V^T with chosen roots r_i = s_i^{1/m}. */
    public boolean takesRoots() {
        return this != SCALAR_FLATTEST && this != SCALAR_MINIMUM && this != RANDOM_TARGET;
    }

    /**
     * As {@link #generate(long, int[])} but with the roots r_1 &gt;= r_2 &gt;= ... &gt;= 0 of T's singular values
     * given (r_1 &gt; 0; as many as min(d_0, d_m), or the narrowest width for {@link #BOTTLENECK}), e.g. to force
     * a repeated top value or zero singular values. Only for families where {@link #takesRoots()}. The
     * instance replays from its seed, widths and these roots.
     */
    public ExactNetwork generate(long seed, int[] dims, Rational[] roots) {
        if (!takesRoots()) {
            throw new IllegalArgumentException(label + " does not take chosen roots");
        }
        checkDims(dims);
        int count = this == BOTTLENECK ? RandomDimensions.narrowest(dims) : Math.min(dims[0], dims[dims.length - 1]);
        if (roots.length != count || roots[0].signum() <= 0) {
            throw new IllegalArgumentException("need " + count + " roots with r_1 > 0, got " + Arrays.toString(roots));
        }
        for (int i = 1; i < roots.length; i++) {
            if (roots[i].signum() < 0 || roots[i].compareTo(roots[i - 1]) > 0) {
                throw new IllegalArgumentException("roots must be non-negative and descending: "
                        + Arrays.toString(roots));
            }
        }
        return build(new SplittableRandom(seed), seed, dims.clone(), roots.clone());
    }

    /** The same network with another input second-moment matrix (symmetric positive definite, d_0 x d_0). */
    public static ExactNetwork withSigmaX(ExactNetwork n, Rational[][] sigmaX) {
        return new ExactNetwork(n.family(), n.seed(), n.dims(), n.layers(), n.target(), sigmaX,
                n.flattestByConstruction(), n.sigmaMaxT(), n.sigmaMaxRoot());
    }

    abstract ExactNetwork build(SplittableRandom rnd, long seed, int[] dims, Rational[] given);

    int[] randomDims(SplittableRandom rnd, int maxDim, int maxDepth) {
        return RandomDimensions.meetingA1(rnd, minDepth, maxDepth, maxDim);
    }

    /**
     * The given roots, or random ones with a repeated top value a quarter of the time and trailing zeros a
     * quarter of the time.
     */
    static Rational[] roots(Rational[] given, SplittableRandom rnd, int count) {
        if (given != null) {
            return given;
        }
        boolean repeated = count >= 2 && rnd.nextInt(4) == 0;
        int zeros = 0;
        int maxZeros = count - (repeated ? 2 : 1);
        if (maxZeros >= 1 && rnd.nextInt(4) == 0) {
            zeros = rnd.nextInt(1, maxZeros + 1);
        }
        return ExactNetworks.randomRoots(rnd, count, repeated, zeros);
    }

    private static List<Rational[][]> orthogonals(SplittableRandom rnd, int[] dims) {
        List<Rational[][]> q = new ArrayList<>();
        for (int k = 1; k < dims.length - 1; k++) {
            q.add(RandomOrthogonal.orthogonal(rnd, dims[k]));
        }
        return q;
    }

    private static List<Rational[][]> invertibles(SplittableRandom rnd, int[] dims) {
        List<Rational[][]> g = new ArrayList<>();
        for (int k = 1; k < dims.length - 1; k++) {
            g.add(RandomRationals.invertible(rnd, dims[k], 2, 2));
        }
        return g;
    }

    /**
     * Per-layer diagonals for Theorem 4: entry 0 is r_1 everywhere; each lower index i with 0 &lt; r_i &lt; r_1
     * has its value traded between two random layers (c r_i and r_i / c, c chosen so both stay &lt;= r_1),
     * a zero root is kept by one random layer while the others take values in [0, r_1], and entries past
     * the roots are free in [0, r_1] because the narrower end layer never passes them on.
     */
    private static List<Rational[]> unequalLowerDiagonals(SplittableRandom rnd, int[] dims, Rational[] roots) {
        int m = dims.length - 1, p = roots.length;
        Rational top = roots[0];
        List<Rational[]> diagonals = new ArrayList<>();
        for (int j = 1; j <= m; j++) {
            Rational[] e = new Rational[Math.min(dims[j], dims[j - 1])];
            for (int i = 0; i < e.length; i++) {
                e[i] = i < p ? roots[i] : (rnd.nextBoolean() ? RandomRationals.between(rnd, Rational.ZERO, top, 4)
                        : Rational.ZERO);
            }
            diagonals.add(e);
        }
        if (m == 1) {
            return diagonals;
        }
        for (int i = 1; i < p; i++) {
            if (roots[i].isZero()) {
                int keeper = rnd.nextInt(m);
                for (int j = 0; j < m; j++) {
                    diagonals.get(j)[i] = j == keeper ? Rational.ZERO
                            : RandomRationals.between(rnd, Rational.ZERO, top, 4);
                }
                continue;
            }
            int rounds = rnd.nextInt(1, 3);
            for (int round = 0; round < rounds; round++) {
                int a = rnd.nextInt(m);
                int b = (a + rnd.nextInt(1, m)) % m;
                Rational ea = diagonals.get(a)[i], eb = diagonals.get(b)[i];
                // a gets c * ea <= top, b gets eb / c <= top
                Rational c = RandomRationals.between(rnd, eb.divide(top), top.divide(ea), 6);
                diagonals.get(a)[i] = ea.multiply(c);
                diagonals.get(b)[i] = eb.divide(c);
            }
        }
        return diagonals;
    }

    /**
     * The per-layer diagonals of {@link #FLATTEST_OFF_THEOREM4}: entry 0 is r everywhere; each lower index
     * i &lt; max(d_0, d_m) (one that reaches the input or the output side) has one random layer at g r (g &gt; 1)
     * and the others at c r, except index 1, held by both W_1 and W_m (so sigma_max(W_1) and sigma_max(W_m)
     * exceed r, and Theorem 2(ii)/(iv) with the factor sqrt(m) dropped fail at k = 1 and k = m - 1); hidden entries past max(d_0, d_m) (never passed on) are 2r. The value of c starts at 1/2 and is halved (and the free entries moved towards r)
     * (after two rounds g too, towards 1 but never reaching it) until every diagonal entry of 2 Phi^T Phi
     * is at most lambda* = 2m r^(2(m-1)) exactly; at least one layer
     * keeps an entry above r, so Theorem 4's condition fails.
     */
    static List<Rational[]> offTheorem4Diagonals(SplittableRandom rnd, int[] dims, Rational r) {
        int m = dims.length - 1;
        int p = Math.max(dims[0], dims[m]); // indices below it reach the input or the output side
        Rational[] gs = {Rational.of(5, 4), Rational.of(4, 3), Rational.of(3, 2)};
        int[] holder = new int[p];
        Rational[] g = new Rational[p];
        for (int i = 1; i < p; i++) {
            holder[i] = i == 1 ? -1 : rnd.nextInt(m);
            g[i] = gs[rnd.nextInt(gs.length)];
        }
        Rational c = Rational.of(1, 2);
        Rational free = Rational.TWO;
        Rational lambdaStar = Rational.of(2L * m).multiply(r.pow(2 * (m - 1)));
        for (int attempt = 0; attempt < 40; attempt++) {
            List<Rational[]> diagonals = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                Rational[] e = new Rational[Math.min(dims[j + 1], dims[j])];
                for (int i = 0; i < e.length; i++) {
                    boolean held = i < p && (holder[i] == j || (holder[i] == -1 && (j == 0 || j == m - 1)));
                    e[i] = i == 0 ? r : i < p ? (held ? g[i] : c).multiply(r) : free.multiply(r);
                }
                diagonals.add(e);
            }
            if (maxDiagonalSharpness(dims, diagonals).compareTo(lambdaStar) <= 0) {
                return diagonals;
            }
            c = c.divide(Rational.TWO);
            free = Rational.ONE.add(free.subtract(Rational.ONE).divide(Rational.TWO));
            if (attempt >= 2) {
                for (int i = 1; i < p; i++) {
                    g[i] = Rational.ONE.add(g[i].subtract(Rational.ONE).divide(Rational.TWO));
                }
            }
        }
        throw new IllegalStateException("no off-Theorem-4 flattest diagonals found for " + Arrays.toString(dims));
    }

    /**
     * The largest diagonal entry of 2 Phi^T Phi for a diagonal chain (before the orthogonal U, V and gauges,
     * which leave the spectrum unchanged): max over input index j &lt; d_0 and output index i &lt; d_m of
     * 2 sum_k prod_(l&lt;k) e_(l,j)^2 prod_(l&gt;k) e_(l,i)^2, an entry missing from a layer counting as 0.
     */
    static Rational maxDiagonalSharpness(int[] dims, List<Rational[]> diagonals) {
        int m = dims.length - 1;
        Rational best = Rational.ZERO;
        for (int j = 0; j < dims[0]; j++) {
            for (int i = 0; i < dims[m]; i++) {
                Rational sum = Rational.ZERO;
                for (int k = 0; k < m; k++) {
                    Rational term = Rational.ONE;
                    for (int l = 0; l < k; l++) {
                        term = term.multiply(entry(diagonals.get(l), j).pow(2));
                    }
                    for (int l = k + 1; l < m; l++) {
                        term = term.multiply(entry(diagonals.get(l), i).pow(2));
                    }
                    sum = sum.add(term);
                }
                best = best.max(sum.multiply(Rational.TWO));
            }
        }
        return best;
    }

    private static Rational entry(Rational[] e, int i) {
        return i < e.length ? e[i] : Rational.ZERO;
    }

    private static ExactNetwork scalar(String label, long seed, Rational[] w, boolean flattest) {
        int m = w.length;
        Rational tau = Rational.ONE;
        for (Rational x : w) {
            tau = tau.multiply(x);
        }
        Rational abs = tau.abs();
        return new ExactNetwork(label, seed, RandomDimensions.uniform(1, m), ExactNetworks.scalarLayers(w),
                new Rational[][] {{tau}}, RationalMatrices.identity(1), flattest, abs, abs.exactRoot(m));
    }

    /** A target T = U S V^T with its ingredients. */
    private record Svd(int[] dims, Rational[] roots, Rational[][] u, Rational[][] v, Rational[][] t) {
        static Svd random(SplittableRandom rnd, int[] dims, Rational[] roots) {
            int m = dims.length - 1;
            Rational[][] u = RandomOrthogonal.orthogonal(rnd, dims[m]);
            Rational[][] v = RandomOrthogonal.orthogonal(rnd, dims[0]);
            return new Svd(dims, roots, u, v, ExactNetworks.target(u, roots, m, v));
        }

        ExactNetwork network(String label, long seed, List<Rational[][]> layers, boolean flattest) {
            int m = dims.length - 1;
            return new ExactNetwork(label, seed, dims, layers, t, RationalMatrices.identity(dims[0]), flattest,
                    roots[0].pow(m), roots[0]);
        }
    }
}
