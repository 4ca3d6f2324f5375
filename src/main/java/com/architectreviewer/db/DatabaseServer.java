package com.architectreviewer.db;

/**
 * Where the database is: an external server named by a URL, or the embedded default started by this
 * process.
 */
interface DatabaseServer extends AutoCloseable {

  /** JDBC URL of the server, without credentials. */
  String jdbcUrl();

  String user();

  String password();

  @Override
  void close();
}
