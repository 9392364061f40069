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

    public CheckSettings {
        if (digits < 16 || maxDim < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("digits >= 16, maxDim >= 1, maxDepth >= 1 required");
        }
    }
}
