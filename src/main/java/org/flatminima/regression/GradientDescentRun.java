package org.flatminima.regression;

/**
 * One gradient-descent run on the regression and what its solution looks like.
 *
 * @param init "small" or "residual"
 * @param depth L
 * @param eta the step size
 * @param status converged (loss below the tolerance), diverged (loss above the limit or not finite) or budget
 * @param steps steps taken
 * @param loss the final excess loss
 * @param sharpness lambda_max of the full Hessian at the solution (NaN unless converged)
 * @param lowerBound 2 L a ||w*||^(2-2/L)
 * @param authorsConstant 8 L lambda_max(Sigma) ||w*||^(2-2/L), from the authors' code
 * @param maxRankRatio the largest sigma_2 / sigma_1 over W_1..W_(L-1) (NaN unless converged)
 * @param minAlignment the smallest |u_k . v_(k+1)| over k (NaN unless converged)
 */
public record GradientDescentRun(String init, int depth, double eta, String status, int steps, double loss,
        double sharpness, double lowerBound, double authorsConstant, double maxRankRatio, double minAlignment) {

    public boolean converged() {
        return status.equals("converged");
    }

    /** Runs GD from {@code start} (modified) for at most {@code maxSteps} steps. */
    public static GradientDescentRun run(String init, RegressionData data, DeepRegressionNetwork start, double eta,
            int maxSteps, double tolerance, double divergenceLimit) {
        int depth = start.depth();
        String status = "budget";
        int steps = 0;
        double loss = start.loss(data);
        while (steps < maxSteps) {
            if (!Double.isFinite(loss) || loss > divergenceLimit) {
                status = "diverged";
                break;
            }
            if (loss <= tolerance) {
                status = "converged";
                break;
            }
            start.step(data, eta);
            steps++;
            loss = start.loss(data);
        }
        if (status.equals("budget") && loss <= tolerance) {
            status = "converged";
        }
        double s = Double.NaN;
        double rank = Double.NaN;
        double align = Double.NaN;
        if (status.equals("converged")) {
            s = start.sharpness(data);
            rank = 0;
            for (double r : start.secondToFirstSingularValue()) {
                rank = Math.max(rank, r);
            }
            align = 1;
            for (double x : start.alignment()) {
                align = Math.min(align, x);
            }
        }
        return new GradientDescentRun(init, depth, eta, status, steps, loss, s, data.lowerBound(depth),
                data.authorsUpperConstant(depth), rank, align);
    }
}
