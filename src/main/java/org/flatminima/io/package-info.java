/**
 * Safe file output (temporary file, atomic move, --force only over the tool's own files), JSON reading at exact
 * values.
 */
package org.flatminima.io;
