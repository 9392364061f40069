package org.flatminima.symbolic;

import java.io.OutputStream;
import java.io.PrintStream;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The one Symja evaluator of the process. Start-up (class loading, Symja's symbol tables and a
 * small warm-up derivation) is paid once, on first use, and its duration is recorded.
 *
 * <p>Symja's logging (Log4j 2) is pointed at its simple logger with the status logger off before
 * Symja loads, and Symja's own evaluation messages go to this engine's print streams, which are
 * sinks; {@code System.out} and {@code System.err} are never replaced, so other threads of the
 * process keep their output.
 *
 * <p>All evaluation goes through the synchronized methods of this class; Symja's engine is not
 * thread-safe.
 */
public final class SymjaEngine {
    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());
    private static SymjaEngine instance;

    private final ExprEvaluator evaluator;
    private final EvalEngine engine;
    private final double startupSeconds;
    private final double startupCpuSeconds;

    private SymjaEngine() {
        long start = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        System.setProperty("log4j2.loggerContextFactory",
                "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        System.setProperty("log4j2.statusLoggerLevel", "OFF");
        ExprEvaluator ev = new ExprEvaluator(false, (short) 100);
        EvalEngine en = ev.getEvalEngine();
        en.setOutPrintStream(SINK);
        en.setErrorPrintStream(SINK);
        en.setQuietMode(true);
        // Warm-up: touches the parser, D, Expand, Together and TeXForm once.
        ev.eval("Expand(Together(D((x$0*y$0-1)^2/(1+x$0), x$0)))");
        ev.eval("TeXForm(x$0^2/y$0)");
        this.evaluator = ev;
        this.engine = ev.getEvalEngine();
        this.startupSeconds = (System.nanoTime() - start) / 1e9;
        this.startupCpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    }

    /** The process-wide engine, started on first call. */
    public static synchronized SymjaEngine instance() {
        if (instance == null) {
            instance = new SymjaEngine();
        }
        return instance;
    }

    /** Wall-clock seconds spent starting Symja (including the warm-up), measured once. */
    public double startupSeconds() {
        return startupSeconds;
    }

    /** CPU seconds of the starting thread spent starting Symja (class loading, tables, warm-up). */
    public double startupCpuSeconds() {
        return startupCpuSeconds;
    }

    /** Parses and evaluates Symja input (relaxed syntax: {@code f(x)}, {@code {a,b}}). */
    public synchronized IExpr eval(String input) {
        EvalEngine.set(engine);
        return evaluator.eval(input);
    }

    /** Evaluates an expression built with {@link F}. */
    public synchronized IExpr eval(IExpr expression) {
        EvalEngine.set(engine);
        return evaluator.eval(expression);
    }

    /** Parses without evaluating (e.g. to obtain a symbol). */
    public synchronized IExpr parse(String input) {
        EvalEngine.set(engine);
        return evaluator.parse(input);
    }

    /** Expands products and integer powers: the canonical form of a polynomial. */
    public IExpr expand(IExpr e) {
        return eval(F.Expand(e));
    }

    /** Brings a rational expression over a common denominator and expands the numerator. */
    public IExpr canonical(IExpr e) {
        IExpr together = eval(F.Together(e));
        if (together.isZero()) {
            return together;
        }
        IExpr numerator = eval(F.Expand(F.Numerator(together)));
        if (numerator.isZero()) {
            return numerator;
        }
        return together;
    }

    /** Symja's LaTeX for {@code e}, with the project's indexed symbols typeset as subscripts. */
    public String tex(IExpr e) {
        IExpr t = eval(F.TeXForm(e));
        return SymbolNames.texOfSymbols(t.toString().strip());
    }

    /** LaTeX for a matrix: a {@code pmatrix} of Symja's LaTeX for each entry. */
    public String tex(SymbolicMatrix m) {
        StringBuilder sb = new StringBuilder("\\begin{pmatrix}\n");
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                sb.append(j == 0 ? "" : " & ").append(tex(m.get(i, j)));
            }
            sb.append(i == m.rows() - 1 ? "\n" : " \\\\\n");
        }
        return sb.append("\\end{pmatrix}").toString();
    }

    /** Symja's input form of {@code e} (parsable back). */
    public static String text(IExpr e) {
        return e.toString();
    }
}
