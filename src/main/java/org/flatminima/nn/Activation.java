package org.flatminima.nn;

/** The activation after every layer but the last. */
public enum Activation {
    /** max(0, z): fully connected ReLU networks. */
    RELU,
    /** The identity: deep linear networks. */
    LINEAR
}
