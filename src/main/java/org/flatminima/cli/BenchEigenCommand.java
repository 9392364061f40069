package org.flatminima.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.flatminima.errors.Problem;
import org.flatminima.errors.UserError;
import org.flatminima.numbers.Rational;
import org.flatminima.precise.ApfloatMatrices;
import org.flatminima.precise.SymmetricEigen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flatminima bench eigen}: times the D-digit symmetric eigen-decomposition on a seeded test matrix, either
 * a rank-r PSD matrix 2 Phi Phi^T (the shape of a Hessian at a global minimum: many exact zero eigenvalues) or a
 * full-rank symmetric matrix. The first run includes the JIT warm-up that a single {@code inspect} pays.
 */
@Command(name = "eigen", mixinStandardHelpOptions = true,
        description = "Time SymmetricEigen at D digits on an N x N matrix (rank-r 2 Phi Phi^T, or full rank).")
public final class BenchEigenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n", description = "Matrix size N (default ${DEFAULT-VALUE}).", defaultValue = "96")
    int n;

    @Option(names = "--digits", description = "Decimal digits D (default ${DEFAULT-VALUE}).", defaultValue = "40")
    int digits;

    @Option(names = "--rank", description = "Rank r of 2 Phi Phi^T; 0 for a full-rank symmetric matrix "
            + "(default ${DEFAULT-VALUE}).", defaultValue = "16")
    int rank;

    @Option(names = "--repeat", description = "Number of timed runs (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int repeat;

    @Option(names = "--seed", description = "Seed of the test matrix (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Override
    public Integer call() {
        if (n < 1 || n > 400) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--n", "between 1 and 400", n);
        }
        if (digits < 1 || digits > 5000) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--digits", "between 1 and 5000", digits);
        }
        if (rank < 0 || rank > n) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--rank", "between 0 and N", rank);
        }
        if (repeat < 1 || repeat > 100) {
            throw new UserError(Problem.OPTION_OUT_OF_RANGE, "--repeat", "between 1 and 100", repeat);
        }
        Apfloat[][] a = ApfloatMatrices.fromRational(matrix(), digits + 40);
        PrintWriter out = spec.commandLine().getOut();
        double[] ms = new double[repeat];
        SymmetricEigen.Decomposition last = null;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            last = SymmetricEigen.decompose(a, digits);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "run %d: %.1f ms%n", r + 1, ms[r]);
        }
        double first = ms[0];
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "eigen N=%d D=%d %s: first %.1f ms, best %.1f ms, median %.1f ms; %d iterations; "
                        + "||AV-V Lambda||_F %s, ||V^T V-I||_F %s; lambda_max %s%n",
                n, digits, rank == 0 ? "full rank" : "rank " + rank, first, sorted[0], sorted[repeat / 2],
                last.iterations(), ApfloatMatrices.toDecimalString(last.residualNorm(), 3),
                ApfloatMatrices.toDecimalString(last.orthogonalityResidual(), 3),
                ApfloatMatrices.toDecimalString(last.eigenvalues()[0], Math.min(digits, 20)));
        return 0;
    }

    /** The seeded test matrix, exact: entries of Phi (or of the symmetric matrix) are k/10 with |k| <= 9. */
    private Rational[][] matrix() {
        SplittableRandom rnd = new SplittableRandom(seed);
        Rational[][] a = new Rational[n][n];
        if (rank == 0) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = Rational.of(rnd.nextInt(-9, 10), 10);
                    a[j][i] = a[i][j];
                }
            }
            return a;
        }
        long[][] phi = new long[n][rank];
        for (long[] row : phi) {
            for (int k = 0; k < rank; k++) {
                row[k] = rnd.nextInt(-9, 10);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                long s = 0;
                for (int k = 0; k < rank; k++) {
                    s += phi[i][k] * phi[j][k];
                }
                a[i][j] = Rational.of(2 * s, 100);
                a[j][i] = a[i][j];
            }
        }
        return a;
    }
}
