package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.PlatformTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The first {@code serve} without any key creates an admin key in REVIEWER_DATA_DIR/admin.key. */
@PlatformTest
@ActiveProfiles("serve")
@TestPropertySource(properties = "REVIEWER_DATA_DIR=${user.dir}/target/bootstrap-data")
@ExtendWith(OutputCaptureExtension.class)
class AdminKeyBootstrapIT {

  static final Path DATA = Path.of("target/bootstrap-data").toAbsolutePath();

  @LocalServerPort int port;
  @Autowired AdminKeyBootstrap bootstrap;
  @Autowired KeyAdministration administration;

  @BeforeAll
  static void emptyDataDirectory() throws IOException {
    Files.deleteIfExists(DATA.resolve(AdminKeyBootstrap.FILE_NAME));
  }

  @Test
  void writesAnAdminKeyReadableOnlyByTheOwnerAndLogsOnlyItsPath(CapturedOutput output)
      throws IOException {
    Path file = DATA.resolve(AdminKeyBootstrap.FILE_NAME);
    String key = Files.readString(file).strip();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(key).matches("rvw_[0-9a-f]{8}_[0-9a-f]{64}");
    assertThat(new ApiClient(port, key).get("/api/v1/stats").statusCode()).isNotEqualTo(403);
    assertThat(new ApiClient(port, key).get("/api/v1/repositories").statusCode()).isEqualTo(200);
    assertThat(administration.listKeys())
        .singleElement()
        .satisfies(k -> {
          assertThat(k.tenant()).isEqualTo(AdminKeyBootstrap.TENANT);
          assertThat(k.role()).isEqualTo("admin");
        });
    assertThat(output.getAll()).contains(file.toString()).doesNotContain(key);
  }

  @Test
  void createsNoSecondKeyOnceOneExists() throws IOException {
    Path file = DATA.resolve(AdminKeyBootstrap.FILE_NAME);
    String before = Files.readString(file);

    assertThat(bootstrap.createFirstKey()).isNull();
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(administration.listKeys()).hasSize(1);
  }
}
