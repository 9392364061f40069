package org.flatminima.symbolic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's symbol names inside Symja, and how they are typeset. Every name contains a
 * {@code $}, so it can never collide with a Symja built-in (the relaxed parser maps lower-case
 * names such as {@code e}, {@code i}, {@code n} or {@code d} to built-ins).
 *
 * <ul>
 *   <li>{@code w3$1$2}: entry (1,2) of layer W_3, typeset {@code w^{(3)}_{12}};</li>
 *   <li>{@code t$1$2}: entry (1,2) of a matrix named t, typeset {@code t_{12}};</li>
 *   <li>{@code w$3}: the third scalar weight, typeset {@code w_{3}};</li>
 *   <li>{@code t$}: a plain scalar symbol, typeset {@code t}.</li>
 * </ul>
 */
public final class SymbolNames {
    private static final Pattern LAYER_ENTRY = Pattern.compile("([a-z]+)(\\d+)\\$(\\d+)\\$(\\d+)");
    private static final Pattern MATRIX_ENTRY = Pattern.compile("([a-z]+)\\$(\\d+)\\$(\\d+)");
    private static final Pattern VECTOR_ENTRY = Pattern.compile("([a-z]+)\\$(\\d+)");
    private static final Pattern PLAIN = Pattern.compile("([a-z]+)\\$");

    private SymbolNames() {}

    /** Name of entry (i,j) (1-based) of layer k of the matrix family {@code base}. */
    public static String layerEntry(String base, int k, int i, int j) {
        return base + k + "$" + i + "$" + j;
    }

    /** Name of entry (i,j) (1-based) of the matrix {@code base}. */
    public static String matrixEntry(String base, int i, int j) {
        return base + "$" + i + "$" + j;
    }

    /** Name of entry i (1-based) of the vector {@code base}. */
    public static String vectorEntry(String base, int i) {
        return base + "$" + i;
    }

    /** Name of the scalar {@code base}. */
    public static String scalar(String base) {
        return base + "$";
    }

    /** Replaces the project's symbol names in Symja's LaTeX by indexed LaTeX. */
    public static String texOfSymbols(String tex) {
        String s = replace(LAYER_ENTRY, tex, m -> m.group(1) + "^{(" + m.group(2) + ")}_{"
                + pair(m.group(3), m.group(4)) + "}");
        s = replace(MATRIX_ENTRY, s, m -> m.group(1) + "_{" + pair(m.group(2), m.group(3)) + "}");
        s = replace(VECTOR_ENTRY, s, m -> m.group(1) + "_{" + m.group(2) + "}");
        return replace(PLAIN, s, m -> GREEK.contains(m.group(1)) ? "\\" + m.group(1) + " " : m.group(1));
    }

    private static final java.util.Set<String> GREEK = java.util.Set.of("tau", "sigma", "lambda", "mu", "rho", "alpha");

    /** A human-readable plain-text form of a name ({@code w3$1$2} becomes {@code w3_12}). */
    public static String plain(String text) {
        String s = replace(LAYER_ENTRY, text, m -> m.group(1) + m.group(2) + "_" + pair(m.group(3), m.group(4)));
        s = replace(MATRIX_ENTRY, s, m -> m.group(1) + "_" + pair(m.group(2), m.group(3)));
        s = replace(VECTOR_ENTRY, s, m -> m.group(1) + "_" + m.group(2));
        return replace(PLAIN, s, m -> m.group(1));
    }

    private static String pair(String i, String j) {
        return i.length() > 1 || j.length() > 1 ? i + "," + j : i + j;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
