/**
 * Safe file output (temporary file, atomic move, --force only over the tool's own files), JSON reading at exact
 * values, and case files.
 */
package org.flatminima.io;
