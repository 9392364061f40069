/**
 * The command line (picocli): one thin command class per subcommand, which parses options, calls the library and
 * prints; errors become one line on stderr and exit status 2.
 */
package org.flatminima.cli;
