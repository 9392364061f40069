package org.flatminima.claims;

/**
 * Where a claim draws its seeded, exact (rational) instances from: one of the generator families of
 * {@link org.flatminima.generate.Family} (the constant has the same name and records the same id), or a
 * construction specific to the checker (Lemma 1's identity initialisation, Lemma 4's chains, the square flattest
 * minima the controls use, Lemma 2's misleading pairs, the Section 5 and regression instances), which is not a
 * generator family because its instances need not be global minima.
 */
public enum InstanceSource {
    FLATTEST_EQ27(org.flatminima.generate.Family.FLATTEST_EQ27, null, null),
    FLATTEST_GAUGED(org.flatminima.generate.Family.FLATTEST_GAUGED, null, null),
    FLATTEST_UNEQUAL_LOWER(org.flatminima.generate.Family.FLATTEST_UNEQUAL_LOWER, null, null),
    FLATTEST_OFF_THEOREM4(org.flatminima.generate.Family.FLATTEST_OFF_THEOREM4, null, null),
    NON_FLATTEST(org.flatminima.generate.Family.NON_FLATTEST, null, null),
    RANDOM_TARGET(org.flatminima.generate.Family.RANDOM_TARGET, null, null),
    SCALAR_FLATTEST(org.flatminima.generate.Family.SCALAR_FLATTEST, null, null),
    SCALAR_MINIMUM(org.flatminima.generate.Family.SCALAR_MINIMUM, null, null),
    SIGMA_X_NOT_IDENTITY(org.flatminima.generate.Family.SIGMA_X_NOT_IDENTITY, null, null),
    BOTTLENECK(org.flatminima.generate.Family.BOTTLENECK, null, null),
    SCALAR_SIGMA(null, "scalar-sigma", "scalar-sigma: a scalar-flattest instance with sigma_x^2 != 1 always"),
    SQUARE_FLATTEST(null, "square-flattest", "square-flattest: eq. (27) with d_x = d_y, a simple top root r != 1, then an orthogonal gauge"),
    SCALAR_MISLEADING(null, "scalar-misleading", "scalar-misleading: a scalar minimum w2 (tau = +-r^m) whose interpolation plot with the flattest "
            + "w1 of its sign pattern shows w2 sharper"),
    CHAIN_RANDOM(null, "chain-random", "chain-random: random rational matrices of any chaining shapes (bottlenecks allowed)"),
    CHAIN_EQUALITY(null, "chain-equality", "chain-equality: Psi_k = Q_k (a e_1 e_1^T) Q_(k-1)^T, Lemma 4's equality case"),
    IDENTITY_INIT_PD(null, "identity-init-pd", "identity-init-pd: square layers at W_j = I, T = Q S Q^T symmetric positive definite"),
    IDENTITY_INIT_GENERAL(null, "identity-init-general", "identity-init-general: square layers at W_j = I, T = U S V^T with det T > 0"),
    REGRESSION_MINIMUM(null, "regression-minimum", "regression-minimum: random W_1..W_(L-1) (d x d) and W_L (1 x d), w*^T their product; "
            + "Sigma = X^T X / n or s I"),
    REGRESSION_BALANCED(null, "regression-balanced", "regression-balanced: balanced rank-one minimiser (W_k = rho u_k u_(k-1)^T, w* = rho^L u_0), "
            + "Sigma = X^T X / n with a != 1 and w* not an eigenvector"),
    REGRESSION_SCALAR(null, "regression-scalar", "regression-scalar: d = 1, balanced minimiser |W_k| = |w*|^(1/L), Sigma = s > 0"),
    REGRESSION_ISOTROPIC(null, "regression-isotropic", "regression-isotropic: balanced rank-one minimiser, Sigma = s I"),
    REGRESSION_WHITE(null, "regression-white", "regression-white: balanced rank-one minimiser, Sigma = I");

    /** The families Theorems 1-3 draw from. */
    public static final java.util.List<InstanceSource> THEOREMS = java.util.List.of(FLATTEST_OFF_THEOREM4, FLATTEST_GAUGED, FLATTEST_OFF_THEOREM4, FLATTEST_UNEQUAL_LOWER);

    private final org.flatminima.generate.Family shared;
    private final String id;
    private final String description;

    InstanceSource(org.flatminima.generate.Family shared, String id, String description) {
        this.shared = shared;
        this.id = shared != null ? shared.label() : id;
        this.description = description;
    }

    /** The shared generator family, or null for a checker-specific one. */
    public org.flatminima.generate.Family shared() {
        return shared;
    }

    /** The label recorded with every instance. */
    public String id() {
        return id;
    }

    public String description() {
        return shared != null ? shared.label() + " (org.flatminima.generate)" : description;
    }
}
