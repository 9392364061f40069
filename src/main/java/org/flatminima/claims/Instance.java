package org.flatminima.claims;

import org.flatminima.linalg.Matrix;
import org.flatminima.model.LinearNetwork;
import org.flatminima.numbers.Rational;

/**
 * One exact instance a claim is decided on: a rational network with its Sigma_x and target, the family
 * it was drawn from and the seed that reproduces it. Claims derive every quantity they need (sigma_max,
 * u, v, the flattest sharpness) from the network itself, so a saved case replays without this metadata.
 *
 * @param family the generating family's id (or {@code replay}/{@code shrunk})
 * @param seed the seed the family was drawn with
 * @param network the exact network (target defaults to the product for global-minimum families)
 */
public record Instance(String family, long seed, LinearNetwork<Rational> network) {

    /** Depth m. */
    public int depth() {
        return network.depth();
    }

    /** d_0..d_m. */
    public int[] dims() {
        return network.dims();
    }

    /** True if the end-to-end product equals the target exactly (the point is a global minimum). */
    public boolean isGlobalMinimum() {
        return network.product().equals(network.target());
    }

    /** True if every layer is square and of one size (Lemma 1's setting). */
    public boolean allSquareSameSize() {
        int[] d = dims();
        for (int x : d) {
            if (x != d[0]) {
                return false;
            }
        }
        return true;
    }

    /** Assumption A1: min_j d_j &gt;= min(d_x, d_y). */
    public boolean meetsA1() {
        int[] d = dims();
        int floor = Math.min(d[0], d[d.length - 1]);
        for (int x : d) {
            if (x < floor) {
                return false;
            }
        }
        return true;
    }

    /** Assumption A2: Sigma_x = I (given as the identity or not given). */
    public boolean meetsA2() {
        Matrix<Rational> s = network.sigmaX();
        return s.equals(Matrix.identity(s.arithmetic(), s.rows()));
    }

    /** A short "d0x..xdm" description of the shapes. */
    public String shape() {
        StringBuilder sb = new StringBuilder();
        for (int x : dims()) {
            sb.append(sb.length() == 0 ? "" : "x").append(x);
        }
        return sb.toString();
    }
}
