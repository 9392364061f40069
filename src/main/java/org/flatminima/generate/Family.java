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
