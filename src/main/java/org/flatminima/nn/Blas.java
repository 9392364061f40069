package org.flatminima.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The BLAS behind the float path's matrix products: {@code dev.ludovic.netlib}'s JNI binding to
 * the system library ({@code libblas.so.3}, OpenBLAS on Debian when {@code libopenblas0} is
 * installed), or its pure-Java fallback when the native library cannot be loaded.
 */
public final class Blas {
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");
    private static volatile dev.ludovic.netlib.blas.BLAS instance;

    private Blas() {}

    /** The shared BLAS instance; the library's own load warnings are silenced (see {@link #description()}). */
    public static dev.ludovic.netlib.blas.BLAS instance() {
        dev.ludovic.netlib.blas.BLAS b = instance;
        if (b == null) {
            synchronized (Blas.class) {
                if (instance == null) {
                    NETLIB_LOG.setLevel(Level.OFF);
                    instance = dev.ludovic.netlib.blas.BLAS.getInstance();
                }
                b = instance;
            }
        }
        return b;
    }

    /**
     * One line naming the BLAS in use, e.g. {@code JNI OpenBLAS (/usr/lib/.../libblas.so.3)} or
     * {@code Java fallback (VectorBLAS); install libopenblas0 for native speed}.
     */
    public static String description() {
        dev.ludovic.netlib.blas.BLAS b = instance();
        if (b instanceof dev.ludovic.netlib.blas.NativeBLAS) {
            String lib = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
            String resolved = lib;
            for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"}) {
                Path p = Path.of(dir, lib);
                if (Files.exists(p)) {
                    try {
                        resolved = p.toRealPath().toString();
                    } catch (java.io.IOException e) {
                        resolved = p.toString();
                    }
                    break;
                }
            }
            String kind = resolved.toLowerCase(java.util.Locale.ROOT).contains("openblas") ? "OpenBLAS" : "native BLAS";
            return "JNI " + kind + " (" + resolved + ")";
        }
        return "Java fallback (" + b.getClass().getSimpleName() + "); install libopenblas0 for native speed";
    }
}
