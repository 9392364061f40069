/**
 * The Symja engine (started once per process) and what is derived with it: symbolic networks, their loss,
 * gradient and Hessian, the teaching derivations, and identities reduced to a canonical zero.
 */
package org.flatminima.symbolic;
