package org.flatminima.flatness;

/** A loss over flat parameter vectors; {@link #value} must not modify its argument. */
@FunctionalInterface
public interface Objective {
    double value(double[] parameters);
}
