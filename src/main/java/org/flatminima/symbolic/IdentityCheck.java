package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Decides identities by reduction to a canonical zero: each residual {@code lhs - rhs} is expanded
 * ({@code Expand}), which settles polynomial residuals, and otherwise brought over a common
 * denominator ({@code Together}) with its numerator expanded. Only
 * a literal 0 counts as proved; Symja's approximate {@code PossibleZeroQ} is never used. A
 * residual that does not vanish is evaluated at exact rational points to exhibit a witness.
 */
public final class IdentityCheck {
    private static final int WITNESS_TRIES = 8;

    private IdentityCheck() {}

    /** Checks that every entry of {@code lhs - rhs} is identically zero. Arguments are not modified. */
    public static IdentityResult decideEqual(String name, String statement, SymbolicMatrix lhs, SymbolicMatrix rhs) {
        if (lhs.rows() != rhs.rows() || lhs.cols() != rhs.cols()) {
            throw new IllegalArgumentException(name + ": shapes differ");
        }
        List<IExpr> residuals = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < lhs.rows(); i++) {
            for (int j = 0; j < lhs.cols(); j++) {
                residuals.add(F.Subtract(lhs.get(i, j), rhs.get(i, j)));
                where.add("entry (" + (i + 1) + "," + (j + 1) + ")");
            }
        }
        return decideZero(name, statement, residuals, where);
    }

    /** Checks that the scalar identity {@code lhs == rhs} holds identically. */
    public static IdentityResult decideEqual(String name, String statement, IExpr lhs, IExpr rhs) {
        return decideZero(name, statement, List.of(F.Subtract(lhs, rhs)), List.of("the identity"));
    }

    /**
     * Checks that each expression in {@code residuals} is identically zero; {@code where} names
     * each one for the report.
     */
    public static IdentityResult decideZero(String name, String statement, List<IExpr> residuals, List<String> where) {
        long start = System.nanoTime();
        SymjaEngine engine = SymjaEngine.instance();
        for (int k = 0; k < residuals.size(); k++) {
            // Expand alone already reaches the canonical 0 of a polynomial residual (the common case,
            // and ten times cheaper than Together); anything else goes through Together/Expand.
            if (engine.expand(residuals.get(k)).isZero()) {
                continue;
            }
            IExpr canonical = engine.canonical(residuals.get(k));
            if (!canonical.isZero()) {
                String witness = findWitness(engine, canonical, name.hashCode());
                IdentityResult.Status status = witness == null ? IdentityResult.Status.UNDECIDED
                        : IdentityResult.Status.REFUTED;
                return new IdentityResult(name, statement, status, residuals.size(),
                        SymbolNames.plain(shorten(canonical.toString())), where.get(k),
                        witness == null ? "" : witness, seconds(start));
            }
        }
        return new IdentityResult(name, statement, IdentityResult.Status.PROVED, residuals.size(), "", "", "",
                seconds(start));
    }

    /**
     * Looks for an exact rational point where {@code expr} evaluates to a non-zero rational;
     * returns "symbol = value, ... : value" or null.
     */
    static String findWitness(SymjaEngine engine, IExpr expr, long seed) {
        IExpr variables = engine.eval(F.Variables(expr));
        if (!(variables instanceof IAST list) || !variables.isList()) {
            return null;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int attempt = 0; attempt < WITNESS_TRIES; attempt++) {
            List<IExpr> rules = new ArrayList<>();
            StringBuilder point = new StringBuilder();
            for (int i = 1; i < list.size(); i++) {
                long p = rnd.nextLong(1, 10) * (rnd.nextBoolean() ? 1 : -1);
                long q = rnd.nextLong(1, 4);
                rules.add(F.Rule(list.get(i), F.QQ(p, q)));
                if (point.length() > 0) {
                    point.append(", ");
                }
                point.append(SymbolNames.plain(list.get(i).toString())).append(" = ").append(F.QQ(p, q));
            }
            IExpr value = engine.eval(F.Together(F.ReplaceAll(expr, F.List(rules.toArray(new IExpr[0])))));
            if (value.isRational() && !value.isZero()) {
                return point + " (value " + value + ")";
            }
        }
        return null;
    }

    /**
     * Certifies {@code expr >= 0} for all non-negative values of its variables: over a common
     * denominator, numerator and denominator must both expand to polynomials whose coefficients
     * are all non-negative rationals (and the denominator not zero). PROVED when so, UNDECIDED
     * otherwise: a negative coefficient does not show the expression takes a negative value.
     */
    public static IdentityResult decideNonnegative(String name, String statement, List<IExpr> expressions,
            List<String> where) {
        long start = System.nanoTime();
        SymjaEngine engine = SymjaEngine.instance();
        for (int k = 0; k < expressions.size(); k++) {
            IExpr together = engine.eval(F.Together(expressions.get(k)));
            IExpr num = engine.expand(F.Numerator(together));
            IExpr den = engine.expand(F.unaryAST1(org.matheclipse.core.expression.S.Denominator, together));
            if (!coefficientsNonnegative(engine, num) || den.isZero() || !coefficientsNonnegative(engine, den)) {
                return new IdentityResult(name, statement, IdentityResult.Status.UNDECIDED, expressions.size(),
                        SymbolNames.plain(shorten(together.toString())), where.get(k), "", seconds(start));
            }
        }
        return new IdentityResult(name, statement, IdentityResult.Status.PROVED, expressions.size(), "", "", "",
                seconds(start));
    }

    private static boolean coefficientsNonnegative(SymjaEngine engine, IExpr polynomial) {
        if (polynomial.isZero()) {
            return true;
        }
        IExpr variables = engine.eval(F.Variables(polynomial));
        if (!(variables instanceof IAST vars) || vars.size() == 1) {
            return polynomial.isRational() && polynomial.isNonNegativeResult();
        }
        IExpr rules = engine.eval(F.binaryAST2(org.matheclipse.core.expression.S.CoefficientRules, polynomial, variables));
        if (!(rules instanceof IAST list) || !rules.isList()) {
            return false;
        }
        for (int i = 1; i < list.size(); i++) {
            IExpr rule = list.get(i);
            if (!rule.isRuleAST()) {
                return false;
            }
            IExpr c = ((IAST) rule).arg2();
            if (!c.isRational() || c.isNegativeResult()) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " characters)";
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
