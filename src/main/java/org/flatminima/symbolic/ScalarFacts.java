package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Section 3 of the paper for a scalar network w_m ... w_1 x: eqs. (8)-(10), the Lagrange
 * conditions of problem (11), the flattest set (12) with its sign patterns, and the flattest
 * sharpness (13). Each identity is checked by reduction to a canonical zero.
 *
 * <p>Symbols: weights {@code w$j}, Sigma_x = sigma_x^2 as given by the network, tau = prod w_j on
 * the minima, Lagrange multiplier {@code mu$}, common magnitude {@code a$} = |tau|^(1/m).
 */
public final class ScalarFacts {
    private final int m;
    private final List<IdentityResult> results = new ArrayList<>();
    private IExpr sharpness;
    private final List<String> positivePatterns = new ArrayList<>();
    private final List<String> negativePatterns = new ArrayList<>();

    private ScalarFacts(int m) {
        this.m = m;
    }

    /** Derives the facts from the Hessian on the minima (not modified). */
    public static ScalarFacts derive(SymbolicNetwork net, SymbolicMatrix hessianOnMinima) {
        ScalarFacts f = new ScalarFacts(net.depth());
        f.run(net, hessianOnMinima);
        return f;
    }

    private void run(SymbolicNetwork net, SymbolicMatrix h) {
        SymjaEngine engine = SymjaEngine.instance();
        List<IExpr> w = net.parameters();
        IExpr sigma2 = net.sigma().get(0, 0);
        IExpr tau = engine.eval(F.Times(w.toArray(new IExpr[0])));
        IExpr coefficient = F.Times(F.C2, sigma2, F.Power(tau, F.C2));

        // (8)-(9): H_qk = 2 sigma^2 tau^2 / (w_q w_k), i.e. H = 2 sigma^2 tau^2 z z^T.
        IExpr[][] zz = new IExpr[m][m];
        IExpr[] z = new IExpr[m];
        for (int q = 0; q < m; q++) {
            z[q] = F.Power(w.get(q), F.CN1);
        }
        for (int q = 0; q < m; q++) {
            for (int k = 0; k < m; k++) {
                zz[q][k] = engine.eval(F.Times(coefficient, z[q], z[k]));
            }
        }
        results.add(IdentityCheck.decideEqual("scalar-hessian m=" + m,
                "eqs. (8)-(9): on the minima d^2 l/(dw_q dw_k) = 2 sigma_x^2 tau^2/(w_q w_k) for all q,k, "
                        + "i.e. H = 2 sigma_x^2 tau^2 z z^T with z = (1/w_1, ..., 1/w_m)",
                h, SymbolicMatrix.of(zz)));

        // (10): H z = lambda z and tr H = lambda, lambda = 2 sigma^2 tau^2 ||z||^2.
        IExpr[] zSquares = new IExpr[m];
        for (int q = 0; q < m; q++) {
            zSquares[q] = F.Power(w.get(q), F.CN2);
        }
        IExpr lambda = engine.eval(F.Times(coefficient, F.Plus(zSquares)));
        sharpness = lambda;
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int q = 0; q < m; q++) {
            IExpr[] row = new IExpr[m];
            for (int k = 0; k < m; k++) {
                row[k] = F.Times(h.get(q, k), z[k]);
            }
            residuals.add(F.Subtract(F.Plus(row), F.Times(lambda, z[q])));
            where.add("(H z - lambda z)_" + (q + 1));
        }
        residuals.add(F.Subtract(h.trace(), lambda));
        where.add("tr H - lambda");
        results.add(IdentityCheck.decideZero("scalar-top-eigenvalue m=" + m,
                "eq. (10): z is an eigenvector of H with eigenvalue lambda = 2 sigma_x^2 tau^2 sum_j 1/w_j^2, "
                        + "and tr H = lambda, so lambda is the only non-zero eigenvalue of the rank-one PSD H",
                residuals, where));

        results.add(lagrange(engine, w));
        results.add(flattestValue(engine, w, sigma2, lambda));
        enumerateSignPatterns();
    }

    /** Lagrange conditions of (11) force w_j^2 = w_k^2 for all j, k. */
    static IdentityResult lagrange(SymjaEngine engine, List<IExpr> w) {
        int m = w.size();
        IExpr mu = engine.parse(SymbolNames.scalar("mu"));
        IExpr tau = engine.parse(SymbolNames.scalar("tau"));
        IExpr[] inv = new IExpr[m];
        for (int j = 0; j < m; j++) {
            inv[j] = F.Power(w.get(j), F.CN2);
        }
        IExpr lagrangian = F.Subtract(F.Plus(inv), F.Times(mu, F.Subtract(F.Times(w.toArray(new IExpr[0])), tau)));
        List<IExpr> grads = new ArrayList<>();
        for (IExpr wj : w) {
            grads.add(engine.eval(F.D(lagrangian, wj)));
        }
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int j = 1; j < m; j++) {
            // w_j L_j - w_1 L_1 = 2/w_1^2 - 2/w_j^2 identically (the mu terms cancel).
            IExpr lhs = F.Subtract(F.Times(w.get(j), grads.get(j)), F.Times(w.get(0), grads.get(0)));
            IExpr rhs = F.Subtract(F.Times(F.C2, F.Power(w.get(0), F.CN2)), F.Times(F.C2, F.Power(w.get(j), F.CN2)));
            residuals.add(F.Subtract(lhs, rhs));
            where.add("j = " + (j + 1));
        }
        return IdentityCheck.decideZero("scalar-lagrange m=" + m,
                "problem (11): with L = sum_j w_j^(-2) - mu (prod_j w_j - tau), w_j dL/dw_j - w_1 dL/dw_1 = "
                        + "2/w_1^2 - 2/w_j^2 identically, so every stationary point has w_j^2 = w_1^2 for all j; "
                        + "with prod w_j = tau this gives |w_j| = |tau|^(1/m), eq. (12)",
                residuals, where);
    }

    /** lambda is even in each w_j, and at |w_j| = a it equals 2 m sigma^2 a^(2m-2) = (13) when |tau| = a^m. */
    static IdentityResult flattestValue(SymjaEngine engine, List<IExpr> w, IExpr sigma2, IExpr lambda) {
        int m = w.size();
        IExpr a = engine.parse(SymbolNames.scalar("a"));
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            IExpr flipped = F.ReplaceAll(lambda, F.Rule(w.get(j), F.Negate(w.get(j))));
            residuals.add(F.Subtract(lambda, flipped));
            where.add("lambda(w) - lambda(w with w_" + (j + 1) + " negated)");
        }
        IExpr[] equal = new IExpr[m];
        for (int j = 0; j < m; j++) {
            equal[j] = F.Rule(w.get(j), a);
        }
        IExpr atBalanced = F.ReplaceAll(lambda, F.List(equal));
        IExpr thirteen = F.Times(F.ZZ(2L * m), sigma2, F.Power(a, F.ZZ(2L * m - 2)));
        residuals.add(F.Subtract(atBalanced, thirteen));
        where.add("lambda(a, ..., a) - 2 m sigma_x^2 a^(2m-2)");
        return IdentityCheck.decideZero("scalar-flattest-sharpness m=" + m,
                "eq. (13): lambda depends on the w_j only through w_j^2, and at |w_j| = a = |tau|^(1/m) it equals "
                        + "2 m sigma_x^2 a^(2m-2) = 2 m sigma_x^2 tau^(2(1-1/m))",
                residuals, where);
    }

    private void enumerateSignPatterns() {
        for (int mask = 0; mask < (1 << m); mask++) {
            StringBuilder s = new StringBuilder("(");
            int negatives = 0;
            for (int j = 0; j < m; j++) {
                boolean neg = (mask >> j & 1) == 1;
                negatives += neg ? 1 : 0;
                s.append(j == 0 ? "" : ",").append(neg ? "-" : "+");
            }
            s.append(")");
            (negatives % 2 == 0 ? positivePatterns : negativePatterns).add(s.toString());
        }
    }

    public int depth() {
        return m;
    }

    /** The identity checks, in the order (8)-(9), (10), (11)-(12), (13). */
    public List<IdentityResult> results() {
        return List.copyOf(results);
    }

    /** lambda_max(H) on the minima, eq. (10), with tau = prod w_j. */
    public IExpr sharpness() {
        return sharpness;
    }

    /** Sign patterns (sgn w_1, ..., sgn w_m) with product +1 (tau > 0); there are 2^(m-1). */
    public List<String> positivePatterns() {
        return List.copyOf(positivePatterns);
    }

    /** Sign patterns with product -1 (tau < 0); there are 2^(m-1). */
    public List<String> negativePatterns() {
        return List.copyOf(negativePatterns);
    }
}
