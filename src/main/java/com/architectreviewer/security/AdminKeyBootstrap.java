package com.architectreviewer.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default's first start: when no API key exists at all, {@code serve} creates tenant
 * {@code default} with an admin key and writes the key to {@code REVIEWER_DATA_DIR/admin.key} (mode
 * 0600). The log names the file, never the key. Several instances starting at once create one key
 * (an advisory lock serialises them).
 */
@Component
@Profile("serve")
class AdminKeyBootstrap implements ApplicationRunner {

  static final String TENANT = "default";
  static final String FILE_NAME = "admin.key";

  private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);
  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('reviewer.admin-key-bootstrap'))";

  private final ApiKeys keys;
  private final KeyAdministration administration;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Path dataDirectory;

  AdminKeyBootstrap(
      ApiKeys keys,
      KeyAdministration administration,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      Environment environment) {
    this.keys = keys;
    this.administration = administration;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.dataDirectory = Path.of(environment.getProperty("REVIEWER_DATA_DIR", "./data"));
  }

  @Override
  public void run(ApplicationArguments args) {
    Path written = transactions.execute(status -> createFirstKey());
    if (written != null) {
      log.info(
          "No API key existed: created an admin key for tenant '{}' and wrote it to {} (mode 0600)."
              + " Use it as 'Authorization: Bearer <key>'; make more with 'reviewer admin create-key'.",
          TENANT,
          written.toAbsolutePath());
    }
  }

  /** Creates the key and writes the file; returns the file, or null when a key existed. */
  Path createFirstKey() {
    jdbc.sql(LOCK).query().singleRow();
    if (administration.anyKeyExists()) {
      return null;
    }
    String key = keys.createKey(keys.ensureTenant(TENANT), Caller.Role.ADMIN);
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDirectory);
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write the first admin key to "
              + file.toAbsolutePath()
              + "; make REVIEWER_DATA_DIR writable or create a key with 'reviewer admin create-key'",
          e);
    }
    return file;
  }
}
