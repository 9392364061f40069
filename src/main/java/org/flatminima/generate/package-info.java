/**
 * Seeded families of exact instances: flattest minima of eq. (27) and their gauges, Theorem 4 instances,
 * non-flattest minima, scalar networks and hypothesis-breaking controls; the family, seed and widths replay an
 * instance exactly.
 */
package org.flatminima.generate;
