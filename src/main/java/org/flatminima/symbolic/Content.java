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
