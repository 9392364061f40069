package org.flatminima.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.flatminima.symbolic.SymjaEngine;
import org.flatminima.testing.QuietTest;
import org.junit.jupiter.api.Test;

/**
 * Symja 3.0.0 was built against Apfloat 1.12; the project pins Apfloat 1.14.0. These tests check that
 * the pinned version is the one on the class path and that Symja's arbitrary-precision numerics still
 * run on it and agree with Apfloat used directly.
 */
class ApfloatPairingTest extends QuietTest {
    @Test
    void pinnedApfloatIsOnTheClassPath() throws Exception {
        try (InputStream in = Apfloat.class.getResourceAsStream("/META-INF/maven/org.apfloat/apfloat/pom.properties")) {
            assertNotNull(in, "apfloat's pom.properties is missing from the class path");
            Properties p = new Properties();
            p.load(in);
            assertEquals("1.14.0", p.getProperty("version"));
        }
    }

    @Test
    void symjaNumericsAgreeWithApfloatAtFiftyDigits() {
        String symja = SymjaEngine.text(SymjaEngine.instance().eval("N[Sqrt[2]*Pi, 50]"));
        Apfloat direct = ApfloatMath.sqrt(new Apfloat(2, 60)).multiply(ApfloatMath.pi(60));
        String expected = direct.toString(true).substring(0, 45);
        String digits = symja.replace("*^0", "").replace("`50.", "").trim();
        assertTrue(digits.startsWith(expected.substring(0, 40)),
                "Symja gave " + symja + ", Apfloat gives " + direct.toString(true));
    }
}
