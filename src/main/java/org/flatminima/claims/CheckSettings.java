package org.flatminima.claims;

/**
 * Settings shared by every claim in one run.
 *
 * @param digits D, the working precision of numerical steps (gradient descent, the conjecture's search)
 * @param maxDim the largest layer width a family may draw
 * @param maxDepth the largest depth m a family may draw
 */
public record CheckSettings(int digits, int maxDim, int maxDepth) {
    public static final CheckSettings DEFAULT = new CheckSettings(30, 4, 5);

    /**
     * The widest layers a claim that builds the full N x N Hessian draws: beyond it N reaches thousands and one
     * exact N x N Hessian alone takes minutes, while the claims decided on the d_x d_y-square Gram matrix
     * 2 Phi^T Phi take the full --max-dim.
     */
    public static final int FULL_HESSIAN_MAX_DIM = 8;

    /** These settings with the width capped at {@link #FULL_HESSIAN_MAX_DIM}, for claims on the full Hessian. */
    public CheckSettings forFullHessian() {
        return maxDim <= FULL_HESSIAN_MAX_DIM ? this : new CheckSettings(digits, FULL_HESSIAN_MAX_DIM, maxDepth);
    }

    public CheckSettings {
        if (digits < 16 || maxDim < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("digits >= 16, maxDim >= 1, maxDepth >= 1 required");
        }
    }
}
