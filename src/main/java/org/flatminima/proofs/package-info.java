/**
 * Proof files: Markdown steps with obligations (symbolic identities, checked claims, arguments in words), parsed
 * and discharged by prove.
 */
package org.flatminima.proofs;
