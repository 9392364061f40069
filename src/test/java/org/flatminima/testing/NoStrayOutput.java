package org.flatminima.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that writes to {@code System.out} or {@code System.err}: library code reports
 * through return values and the command line's own streams, never by printing.
 */
public final class NoStrayOutput implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoStrayOutput.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        context.getStore(NS).put("out", System.out);
        context.getStore(NS).put("err", System.err);
        context.getStore(NS).put("buffer", buffer);
        System.setOut(capture);
        System.setErr(capture);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut((PrintStream) context.getStore(NS).get("out"));
        System.setErr((PrintStream) context.getStore(NS).get("err"));
        ByteArrayOutputStream buffer = (ByteArrayOutputStream) context.getStore(NS).get("buffer");
        String stray = buffer.toString(StandardCharsets.UTF_8);
        if (!stray.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("test wrote stray output:\n"
                    + stray.substring(0, Math.min(stray.length(), 2000)));
        }
    }
}
