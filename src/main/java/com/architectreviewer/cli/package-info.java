/** The executable: parses the command line and runs serve, migrate and the other subcommands. */
package com.architectreviewer.cli;
