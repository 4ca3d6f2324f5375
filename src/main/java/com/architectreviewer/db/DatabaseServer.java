package com.architectreviewer.db;

/**
 * Where the database is: an external server named by {@code DATABASE_URL} (and {@code DIRECT_URL}),
 * or the embedded default started by this process.
 */
interface DatabaseServer extends AutoCloseable {

  /** What the pool connects to (a pooler in pooler mode). */
  DatabaseUrl url();

  /** What session-bound work (migrations, LISTEN) connects to: never a transaction pooler. */
  DatabaseUrl directUrl();

  /** Stops what this process started; nothing for an external server. */
  @Override
  void close();

  /** An external server. */
  record External(DatabaseUrl url, DatabaseUrl directUrl) implements DatabaseServer {

    static External of(DatabaseUrl url, DatabaseUrl direct) {
      if (url.poolerMode() && direct == null) {
        throw new DatabaseUrlRejected(
            "DIRECT_URL",
            "DATABASE_URL points at a transaction pooler ("
                + url.address()
                + "), which cannot run migrations or LISTEN; set DIRECT_URL to the direct"
                + " (non-pooler) URL of the same database, e.g. port 5432 instead of 6543");
      }
      if (direct != null && direct.poolerMode()) {
        throw new DatabaseUrlRejected(
            "DIRECT_URL",
            "it points at a pooler too ("
                + direct.address()
                + "); use the server's own host and port, without pgbouncer=true");
      }
      return new External(url, direct != null ? direct : url);
    }

    @Override
    public void close() {}
  }
}
