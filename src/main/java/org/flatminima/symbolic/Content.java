package org.flatminima.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IInteger;

/**
 * The content of an expanded polynomial taken out: {@code 2 a^2 b + 4 a b^2} becomes
 * {@code 2 a b (a + 2 b)}. Only the greatest common divisor of the integer coefficients and the
 * common monomial (each symbol to its least exponent over all terms) are extracted; this is the
 * cheap part of factoring, done on Symja's expression tree without calling {@code Factor}.
 */
final class Content {
    private Content() {}

    /**
     * {@code x} with its content factored out and then, where the remaining sum is a product
     * {@code A B} of a polynomial A in the symbols {@code group} accepts and a polynomial B in the
     * others, written so: {@code 2 r^2 a^2 + 2 s^2 a^2 + 2 r^2 b^2 + 2 s^2 b^2} becomes
     * {@code 2 (r^2 + s^2)(a^2 + b^2)}. The split exists exactly when the matrix of coefficients,
     * rows indexed by the A-monomials and columns by the B-monomials, has rank one.
     */
    static IExpr separate(IExpr x, java.util.function.Predicate<IExpr> group) {
        IExpr c = factorOut(x);
        IExpr sum = c;
        List<IExpr> outer = new ArrayList<>();
        if (c.isTimes()) {
            sum = null;
            for (IExpr f : (IAST) c) {
                if (f.isPlus() && sum == null) {
                    sum = f;
                } else {
                    outer.add(f);
                }
            }
        }
        if (sum == null || !sum.isPlus()) {
            return c;
        }
        List<IExpr> aKeys = new ArrayList<>();
        List<IExpr> bKeys = new ArrayList<>();
        Map<List<Integer>, BigInteger> m = new java.util.HashMap<>();
        for (IExpr term : (IAST) sum) {
            BigInteger coefficient = BigInteger.ONE;
            List<IExpr> a = new ArrayList<>();
            List<IExpr> b = new ArrayList<>();
            for (IExpr f : term.isTimes() ? (IAST) term : F.List(term)) {
                if (f.isInteger()) {
                    coefficient = coefficient.multiply(((IInteger) f).toBigNumerator());
                } else {
                    IExpr base = f.isPower() ? f.base() : f;
                    if (!base.isSymbol()) {
                        return c;
                    }
                    (group.test(base) ? a : b).add(f);
                }
            }
            IExpr am = F.Times(a.toArray(new IExpr[0]));
            IExpr bm = F.Times(b.toArray(new IExpr[0]));
            if (!aKeys.contains(am)) {
                aKeys.add(am);
            }
            if (!bKeys.contains(bm)) {
                bKeys.add(bm);
            }
            m.put(List.of(aKeys.indexOf(am), bKeys.indexOf(bm)), coefficient);
        }
        if (aKeys.size() < 2 || bKeys.size() < 2) {
            return c;
        }
        // Rank one: every 2x2 minor through row 0 and column j0 (where entry (0, j0) is non-zero) vanishes.
        int j0 = 0;
        while (m.getOrDefault(List.of(0, j0), BigInteger.ZERO).signum() == 0) {
            j0++;
        }
        BigInteger pivot = m.get(List.of(0, j0));
        for (int i = 0; i < aKeys.size(); i++) {
            for (int j = 0; j < bKeys.size(); j++) {
                BigInteger lhs = m.getOrDefault(List.of(i, j), BigInteger.ZERO).multiply(pivot);
                BigInteger rhs = m.getOrDefault(List.of(i, j0), BigInteger.ZERO)
                        .multiply(m.getOrDefault(List.of(0, j), BigInteger.ZERO));
                if (!lhs.equals(rhs)) {
                    return c;
                }
            }
        }
        IExpr[] aTerms = new IExpr[aKeys.size()];
        for (int i = 0; i < aTerms.length; i++) {
            aTerms[i] = F.Times(F.ZZ(m.getOrDefault(List.of(i, j0), BigInteger.ZERO)), aKeys.get(i));
        }
        IExpr[] bTerms = new IExpr[bKeys.size()];
        for (int j = 0; j < bTerms.length; j++) {
            bTerms[j] = F.Times(F.QQ(F.ZZ(m.getOrDefault(List.of(0, j), BigInteger.ZERO)), F.ZZ(pivot)), bKeys.get(j));
        }
        SymjaEngine e = SymjaEngine.instance();
        outer.add(e.eval(F.Plus(aTerms)));
        outer.add(e.eval(F.Plus(bTerms)));
        // Taking the content out again moves a common factor of A or B (r_12 in r_11 r_12 + r_12 r_22) outside.
        IExpr[] parts = outer.stream().map(Content::factorOut).toArray(IExpr[]::new);
        return e.eval(F.Times(parts));
    }

    /** {@code x} with its content factored out, or {@code x} itself when there is none (or it is not a polynomial sum). */
    static IExpr factorOut(IExpr x) {
        if (!x.isPlus()) {
            return x;
        }
        IAST plus = (IAST) x;
        List<BigInteger> coefficients = new ArrayList<>();
        List<Map<IExpr, Integer>> monomials = new ArrayList<>();
        for (IExpr term : plus) {
            BigInteger c = BigInteger.ONE;
            Map<IExpr, Integer> powers = new LinkedHashMap<>();
            List<IExpr> factors = new ArrayList<>();
            if (term.isTimes()) {
                for (IExpr f : (IAST) term) {
                    factors.add(f);
                }
            } else {
                factors.add(term);
            }
            for (IExpr f : factors) {
                if (f.isInteger()) {
                    c = c.multiply(((IInteger) f).toBigNumerator());
                } else if (f.isSymbol()) {
                    powers.merge(f, 1, Integer::sum);
                } else if (f.isPower() && f.base().isSymbol() && f.exponent().isInteger()
                        && f.exponent().toIntDefault() > 0) {
                    powers.merge(f.base(), f.exponent().toIntDefault(), Integer::sum);
                } else {
                    return x;
                }
            }
            coefficients.add(c);
            monomials.add(powers);
        }
        BigInteger g = BigInteger.ZERO;
        for (BigInteger c : coefficients) {
            g = g.gcd(c);
        }
        Map<IExpr, Integer> common = new LinkedHashMap<>(monomials.get(0));
        for (Map<IExpr, Integer> m : monomials) {
            common.replaceAll((s, e) -> Math.min(e, m.getOrDefault(s, 0)));
        }
        common.values().removeIf(e -> e == 0);
        if (g.equals(BigInteger.ONE) && common.isEmpty()) {
            return x;
        }
        IExpr[] reduced = new IExpr[coefficients.size()];
        for (int k = 0; k < reduced.length; k++) {
            List<IExpr> fs = new ArrayList<>();
            fs.add(F.ZZ(coefficients.get(k).divide(g)));
            for (Map.Entry<IExpr, Integer> p : monomials.get(k).entrySet()) {
                int e = p.getValue() - common.getOrDefault(p.getKey(), 0);
                if (e > 0) {
                    fs.add(e == 1 ? p.getKey() : F.Power(p.getKey(), F.ZZ(e)));
                }
            }
            reduced[k] = F.Times(fs.toArray(new IExpr[0]));
        }
        List<IExpr> outer = new ArrayList<>();
        outer.add(F.ZZ(g));
        for (Map.Entry<IExpr, Integer> p : common.entrySet()) {
            outer.add(p.getValue() == 1 ? p.getKey() : F.Power(p.getKey(), F.ZZ(p.getValue())));
        }
        SymjaEngine e = SymjaEngine.instance();
        outer.add(e.eval(F.Plus(reduced)));
        return e.eval(F.Times(outer.toArray(new IExpr[0])));
    }
}
