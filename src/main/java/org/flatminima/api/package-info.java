/**
 * The Java entry point for people who use the checker from their own code: {@link org.flatminima.api.Flatminima}
 * decides a claim of the paper on a network, inspects a network, and measures the sharpness of trained weights,
 * each returning a record. The command line is a shell over the same library; docs/java-api.md has a worked
 * example that the tests compile and run.
 */
package org.flatminima.api;
