/**
 * The one catalogue of user-facing error messages (Problem) and the exception that carries one (UserError).
 */
package org.flatminima.errors;
