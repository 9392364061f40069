package org.flatminima.cli;

import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.io.Budget;
import picocli.CommandLine.Option;

/** The shared {@code --max-parameters} option of the commands that work on one exact network. */
final class MaxParametersOption {
    @Option(names = "--max-parameters", paramLabel = "N", defaultValue = "" + Budget.DEFAULT_MAX_PARAMETERS,
            description = "Refuse networks with more than N parameters before allocating anything "
                    + "(default ${DEFAULT-VALUE}; exact work grows like N^2 in memory and N^3 in time).")
    long maxParameters;

    /**
     * Refuses a network of {@code n} parameters over the limit, and one whose Hessian ({@code n^2}
     * entries of about {@code bytesPerEntry} bytes each) would not fit in the heap.
     */
    void require(Object what, long n, long bytesPerEntry) {
        if (maxParameters < 1) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--max-parameters", "at least 1", maxParameters);
        }
        Budget.requireParameters(what, n, maxParameters);
        Budget.requireHeap(what + " (N = " + n + ", its N x N Hessian)", Budget.times(Budget.times(n, n), bytesPerEntry));
    }

    /** The parameter count N = sum d_k d_{k-1} of widths {@code dims}, saturating instead of overflowing. */
    static long parameters(int[] dims) {
        long n = 0;
        for (int k = 1; k < dims.length; k++) {
            n = Budget.plus(n, Budget.times(dims[k], dims[k - 1]));
        }
        return n;
    }
}
