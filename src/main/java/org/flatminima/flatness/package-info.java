/**
 * Flatness measures of a minimum beyond the top Hessian eigenvalue (after Baldassi et al.): the local
 * energy under multiplicative Gaussian noise, the local entropy on spheres of relative radius d, and
 * the local free entropy with a Gaussian coupling gamma. Every estimate is Monte-Carlo with a stated
 * standard error or confidence interval, computed in double precision: a statistical statement, never
 * an exact one.
 */
package org.flatminima.flatness;
