package org.flatminima.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;

/**
 * LaTeX as a textbook writes it, printed from Symja's expression tree: implicit multiplication,
 * negative powers as fractions, {@code x^{1/2}} as a root, absolute values as bars, and the
 * project's symbols named as in the paper ({@code w$1} is w_1, {@code sigma$} is sigma_x,
 * {@code t$1$2} is T_12, {@code w2$1$1} is w^(2)_11). Long sums are split into lines by
 * {@link #lines}; {@link #width} estimates how wide a formula is on the page.
 *
 * <p>Only the heads the derivations produce (Plus, Times, Power, Abs, numbers, symbols) are
 * printed here; anything else falls back to Symja's own TeXForm.
 */
public final class TexPrinter {
    /** Width, in the units of {@link #width}, that fits a text line of an A4 page with 2 cm margins. */
    public static final double PAGE = 62;

    private TexPrinter() {}

    /** The LaTeX of {@code e}. */
    public static String tex(IExpr e) {
        return sum(e);
    }

    /**
     * The terms of {@code e} (a sum) packed into lines no wider than {@code budget}: the first line
     * starts with the first term, every later line with its sign ({@code + ...} or {@code - ...}).
     */
    public static List<String> lines(IExpr e, double budget) {
        List<String> out = new ArrayList<>();
        if (e.isTimes() && width(tex(e)) > budget) {
            List<String> broken = productLines((IAST) e, budget);
            if (broken != null) {
                return broken;
            }
        }
        if (!e.isPlus()) {
            out.add(tex(e));
            return out;
        }
        StringBuilder line = new StringBuilder();
        double used = 0;
        IAST plus = ordered((IAST) e);
        for (int i = 1; i < plus.size(); i++) {
            IExpr t = plus.get(i);
            boolean negative = isNegativeTerm(t);
            String body = product(negative ? negate(t) : t);
            String piece = (i == 1 ? (negative ? "-" : "") : (negative ? " - " : " + ")) + body;
            double w = width(piece);
            if (line.length() > 0 && used + w > budget) {
                out.add(line.toString());
                line.setLength(0);
                used = 0;
                piece = (negative ? "- " : "+ ") + body;
                w = width(piece);
            }
            line.append(piece);
            used += w;
        }
        out.add(line.toString());
        return out;
    }

    /**
     * A product with one sum among its factors, {@code c x (a + b + ...)}, broken inside the sum:
     * the other factors come first, the sum's terms run over lines between {@code \bigl(} and
     * {@code \bigr)}. Null when the product has no sum factor or a negative-power factor.
     */
    private static List<String> productLines(IAST times, double budget) {
        IExpr sumFactor = null;
        List<IExpr> rest = new ArrayList<>();
        for (IExpr f : times) {
            if (f.isPlus() && (sumFactor == null || width(tex(f)) > width(tex(sumFactor)))) {
                if (sumFactor != null) {
                    rest.add(sumFactor);
                }
                sumFactor = f;
            } else if (f.isPower() && negativeExponent(f)) {
                return null;
            } else {
                rest.add(f);
            }
        }
        if (sumFactor == null) {
            return null;
        }
        String prefix;
        if (rest.isEmpty()) {
            prefix = "";
        } else if (rest.size() == 1 && rest.get(0).isMinusOne()) {
            prefix = "-";
        } else {
            prefix = product(F.Times(rest.toArray(new IExpr[0]))) + " ";
        }
        List<String> inner = lines(sumFactor, budget - width(prefix) - 2);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < inner.size(); k++) {
            String line = inner.get(k);
            if (k == 0) {
                line = prefix + "\\bigl(" + line;
            }
            if (k == inner.size() - 1) {
                line = line + "\\bigr)";
            }
            out.add(line);
        }
        return out;
    }

    /**
     * The terms of a sum in Symja's order, except that a sum starting with a negative term starts
     * with its first positive one instead ({@code w_1 w_2 - \tau}, not {@code -\tau + w_1 w_2}).
     */
    private static IAST ordered(IAST plus) {
        if (!isNegativeTerm(plus.arg1())) {
            return plus;
        }
        for (int i = 2; i < plus.size(); i++) {
            if (!isNegativeTerm(plus.get(i))) {
                IExpr[] terms = new IExpr[plus.argSize()];
                terms[0] = plus.get(i);
                for (int j = 1, k = 1; j < plus.size(); j++) {
                    if (j != i) {
                        terms[k++] = plus.get(j);
                    }
                }
                return (IAST) F.Plus(terms);  // not evaluated: only the printing order changes
            }
        }
        return plus;
    }

    private static String sum(IExpr e) {
        if (!e.isPlus()) {
            return product(e);
        }
        IAST plus = ordered((IAST) e);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < plus.size(); i++) {
            IExpr t = plus.get(i);
            boolean negative = isNegativeTerm(t);
            String body = product(negative ? negate(t) : t);
            sb.append(i == 1 ? (negative ? "-" : "") : (negative ? " - " : " + ")).append(body);
        }
        return sb.toString();
    }

    static boolean isNegativeTerm(IExpr t) {
        if (t.isRational()) {
            return ((IRational) t).isNegative();
        }
        if (t.isTimes()) {
            IExpr first = ((IAST) t).arg1();
            return first.isRational() && ((IRational) first).isNegative();
        }
        return false;
    }

    private static IExpr negate(IExpr t) {
        if (t.isRational()) {
            return ((IRational) t).negate();
        }
        IAST times = (IAST) t;
        IRational c = ((IRational) times.arg1()).negate();
        if (c.isOne()) {
            return times.size() == 3 ? times.arg2() : times.removeAtCopy(1);
        }
        return times.setAtCopy(1, c);
    }

    /** A product (or any non-sum): numeric coefficient, then numerator factors over denominator factors. */
    private static String product(IExpr e) {
        if (e.isRational()) {
            return rational((IRational) e);
        }
        if (!e.isTimes() && !(e.isPower() && negativeExponent(e))) {
            return factor(e, false);
        }
        IRational coefficient = F.C1;
        List<IExpr> num = new ArrayList<>();
        List<IExpr> den = new ArrayList<>();
        List<IExpr> factors = new ArrayList<>();
        if (e.isTimes()) {
            for (IExpr f : (IAST) e) {
                factors.add(f);
            }
        } else {
            factors.add(e);
        }
        for (IExpr f : factors) {
            if (f.isRational()) {
                coefficient = coefficient.multiply((IRational) f);
            } else if (f.isPower() && negativeExponent(f)) {
                IExpr exp = f.exponent().negate();
                den.add(exp.isOne() ? f.base() : F.Power(f.base(), exp));
            } else {
                num.add(f);
            }
        }
        String sign = coefficient.isNegative() ? "-" : "";
        IRational c = coefficient.abs();
        String p = c.numerator().toString();
        String q = c.denominator().toString();
        if (den.isEmpty() && q.equals("1")) {
            String rest = factors(num);
            boolean showP = !(p.equals("1") && !num.isEmpty());
            // 12 \cdot 2^{1/3}, never 122^{1/3}.
            String joint = showP && !rest.isEmpty() && (Character.isDigit(rest.charAt(0)) || rest.startsWith("\\frac"))
                    ? " \\cdot " : "";
            return sign + (showP ? p : "") + joint + rest;
        }
        String top = (p.equals("1") && !num.isEmpty() ? "" : p) + factors(num);
        String bottom = (q.equals("1") ? "" : q) + factors(den);
        if (den.isEmpty() && !num.isEmpty()) {
            // A rational coefficient times factors: \frac{p}{q} x y reads better than \frac{p x y}{q}.
            return sign + "\\frac{" + p + "}{" + q + "}\\," + factors(num).strip();
        }
        return sign + "\\frac{" + top.strip() + "}{" + bottom.strip() + "}";
    }

    private static String factors(List<IExpr> fs) {
        StringBuilder sb = new StringBuilder();
        for (IExpr f : fs) {
            String t = factor(f, fs.size() > 1);
            if (sb.length() > 0 && (Character.isDigit(t.charAt(0)) || t.startsWith("\\frac"))) {
                sb.append(" \\cdot ");
            } else if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    private static boolean negativeExponent(IExpr power) {
        IExpr exp = power.exponent();
        return exp.isRational() && ((IRational) exp).isNegative();
    }

    /** One factor of a product; sums are parenthesised. */
    private static String factor(IExpr f, boolean inProduct) {
        if (f.isRational()) {
            return rational((IRational) f);
        }
        if (f.isSymbol()) {
            return symbol(f.toString());
        }
        if (f.isPlus()) {
            return "\\left(" + sum(f) + "\\right)";
        }
        if (f.isTimes()) {
            return inProduct ? "\\left(" + product(f) + "\\right)" : product(f);
        }
        if (f.isPower()) {
            return power(f.base(), f.exponent());
        }
        if (f.isAST(S.Abs, 2)) {
            return "\\lvert " + sum(((IAST) f).arg1()) + " \\rvert";
        }
        IExpr t = SymjaEngine.instance().eval(F.TeXForm(f));
        return SymbolNames.texOfSymbols(t.toString().strip());
    }

    private static String power(IExpr base, IExpr exp) {
        if (exp.isRational() && ((IRational) exp).isNegative()) {
            return "\\frac{1}{" + power(base, exp.negate()) + "}";
        }
        if (exp.isOne()) {
            return factor(base, false);
        }
        if (exp.isRational() && !exp.isInteger() && ((IRational) exp).denominator().toString().equals("2")
                && ((IRational) exp).numerator().isOne()) {
            return "\\sqrt{" + sum(base) + "}";
        }
        String e = exp.isRational() ? ((IRational) exp).numerator() + (exp.isInteger() ? ""
                : "/" + ((IRational) exp).denominator()) : sum(exp);
        String b;
        if (base.isSymbol()) {
            String s = symbol(base.toString());
            // w_1^2 takes its power directly; w^{(1)}_{11} (already superscripted) is bracketed.
            b = s.contains("^") ? "(" + s + ")" : s;
        } else if (base.isAST(S.Abs, 2)) {
            b = factor(base, false);
        } else if (base.isInteger() && !((IRational) base).isNegative()) {
            b = base.toString();
        } else {
            b = "\\left(" + sum(base) + "\\right)";
        }
        return b + "^{" + e + "}";
    }

    private static String rational(IRational r) {
        String sign = r.isNegative() ? "-" : "";
        IRational a = r.abs();
        if (a.isInteger()) {
            return sign + a;
        }
        return sign + "\\frac{" + a.numerator() + "}{" + a.denominator() + "}";
    }

    /** The paper's name of one of the project's symbols. */
    static String symbol(String name) {
        String s = SymbolNames.texOfSymbols(name).strip();
        if (s.equals("\\sigma")) {
            return "\\sigma_x";
        }
        // Entries of the target T are written T_ij, as the paper writes T.
        if (s.startsWith("t_{")) {
            return "T" + s.substring(1);
        }
        return s;
    }

    /**
     * An estimate of the rendered width of a LaTeX formula in units of one ordinary character:
     * control words count as one character, sub- and superscripts as 0.7, binary operators with
     * their spacing as 2.5, a fraction as its wider part.
     */
    public static double width(String tex) {
        int begin = tex.indexOf("\\begin{pmatrix}");
        int end = begin < 0 ? -1 : tex.indexOf("\\end{pmatrix}", begin);
        if (end < 0) {
            return new Width(tex).total();
        }
        // A matrix is as wide as its columns' widest cells together, plus the column gaps and brackets.
        String body = tex.substring(begin + "\\begin{pmatrix}".length(), end);
        List<Double> columns = new ArrayList<>();
        for (String row : body.split("\\\\\\\\")) {
            String[] cells = row.split("&");
            for (int j = 0; j < cells.length; j++) {
                double w = new Width(cells[j]).total();
                if (j < columns.size()) {
                    columns.set(j, Math.max(columns.get(j), w));
                } else {
                    columns.add(w);
                }
            }
        }
        double matrix = 2 + 1.5 * Math.max(0, columns.size() - 1);
        for (double c : columns) {
            matrix += c;
        }
        return new Width(tex.substring(0, begin)).total() + matrix
                + width(tex.substring(end + "\\end{pmatrix}".length()));
    }

    private static final class Width {
        private final String s;
        private int i;

        Width(String s) {
            this.s = s;
        }

        double total() {
            double w = 0;
            while (i < s.length()) {
                w += item();
            }
            return w;
        }

        /** The width of one item: a group, a command (with its arguments), or a character. */
        private double item() {
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                double w = 0;
                while (i < s.length() && s.charAt(i) != '}') {
                    w += item();
                }
                i++;
                return w;
            }
            if (c == '}') {
                i++;
                return 0;
            }
            if (c == '^' || c == '_') {
                i++;
                return i < s.length() ? 0.7 * item() : 0;
            }
            if (c == ' ' || c == '&') {
                i++;
                return 0;
            }
            if (c == '+' || c == '-' || c == '=' || c == '<' || c == '>') {
                i++;
                return 2.5;
            }
            if (c == '\\') {
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    j++;
                }
                String cmd = s.substring(i + 1, j);
                i = j;
                switch (cmd) {
                    case "frac" -> {
                        double a = item();
                        double b = item();
                        return Math.max(a, b) + 0.4;
                    }
                    case "sqrt" -> {
                        if (i < s.length() && s.charAt(i) == '[') {
                            int k = s.indexOf(']', i);
                            i = k + 1;
                        }
                        return item() + 1.2;
                    }
                    case "left", "right", "bigl", "bigr" -> {
                        return i < s.length() ? 0.8 * item() : 0;
                    }
                    case ",", ";", "quad" -> {
                        return cmd.equals("quad") ? 1.5 : 0.3;
                    }
                    case "cdot", "otimes", "leq", "geq" -> {
                        return 2.5;
                    }
                    case "mathrm", "text", "operatorname" -> {
                        return item();
                    }
                    default -> {
                        return 1;
                    }
                }
            }
            i++;
            return 1;
        }
    }
}
