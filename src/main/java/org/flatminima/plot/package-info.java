/**
 * Charts shared by the experiments, the flatness measures and the regression sweeps (XChart), each
 * written as PNG and SVG, atomically.
 */
package org.flatminima.plot;
