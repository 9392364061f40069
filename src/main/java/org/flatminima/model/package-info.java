/**
 * The deep linear network (layers, Sigma_x, target) and its loss with value, gradient and full Hessian derived
 * from the loss, written once for every number system.
 */
package org.flatminima.model;
