package org.flatminima.testing;

import org.junit.jupiter.api.extension.ExtendWith;

/** Base class for tests: fails a test that writes stray output to System.out or System.err. */
@ExtendWith(NoStrayOutput.class)
public abstract class QuietTest {}
