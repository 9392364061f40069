/**
 * A dense matrix over any number system of numbers.Arithmetic, and Gauss-Jordan elimination on it.
 */
package org.flatminima.linalg;
