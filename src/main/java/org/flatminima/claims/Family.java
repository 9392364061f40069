package org.flatminima.claims;

/** The seeded instance families claims draw from. Every instance is exact (rational). */
public enum Family {
    FLATTEST_27("flattest", "flattest minimum by eq. (27): W_m = U S^(1/m), W_j = S^(1/m), W_1 = S^(1/m) V^T, "
            + "U, V rational orthogonal (Cayley), singular values perfect m-th powers"),
    GAUGE_FLATTEST("gauge", "eq. (27) under W_k -> Q_k W_k Q_(k-1)^T with rational orthogonal Q_k"),
    THEOREM4("theorem4", "W_k = Q_k D_k Q_(k-1)^T with sigma_max(W_k) = sigma_max(T)^(1/m) and unequal lower "
            + "singular values per layer"),
    NON_FLATTEST("non-flattest", "a flattest minimum under W_k -> G_k W_k G_(k-1)^(-1), G_k random invertible"),
    RANDOM_MINIMUM("random-minimum", "random integer layers with T their product (sigma_max(T) usually irrational)"),
    SCALAR_FLATTEST("scalar-flattest", "scalar network at a flattest point |w_j| = |tau|^(1/m), tau = +-r^m"),
    SCALAR_MINIMUM("scalar-minimum", "scalar network at a random global minimum, tau = +-r^m, random sigma_x^2"),
    SCALAR_IRRATIONAL("scalar-irrational", "scalar network at a random global minimum, |tau|^(1/m) irrational"),
    LEMMA4_RANDOM("chain-random", "random rational matrices of any chaining shapes (bottlenecks allowed)"),
    LEMMA4_EQUALITY("chain-equality", "Psi_k = Q_k (a e_1 e_1^T) Q_(k-1)^T: Lemma 4's equality case"),
    LEMMA1_PD("lemma1-pd", "square layers, T = Q S Q^T symmetric positive definite"),
    LEMMA1_GENERAL("lemma1-general", "square layers, T = U S V^T with det T > 0"),
    SIGMA_NOT_IDENTITY("sigma-not-identity", "flattest-by-(27) layers with a random SPD Sigma_x != I (A2 fails)"),
    BOTTLENECK("bottleneck", "a layer narrower than min(d_x, d_y) (A1 fails), random layers, T their product");

    private final String id;
    private final String description;

    Family(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
