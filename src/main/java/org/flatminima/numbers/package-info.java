/**
 * Number systems behind one interface (Arithmetic): exact rationals on BigInteger (Rational), D-digit floating
 * point on Apfloat and double. The bottom layer: it depends on no other package of the project.
 */
package org.flatminima.numbers;
