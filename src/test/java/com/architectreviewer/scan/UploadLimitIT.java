package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import jakarta.servlet.MultipartConfigElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Archive uploads over {@code reviewer.scan.max-upload-size} on a running server, over real HTTP:
 * 413 problem+json whether the client declares the length or streams the body chunked, and nothing
 * is stored or enqueued.
 */
@PlatformTest
@TestPropertySource(
    properties = {
      "reviewer.scan.max-upload-size=64KB",
      "reviewer.security.rate-limits.general.quota=1000000",
      "reviewer.security.rate-limits.scans.quota=1000000"
    })
class UploadLimitIT {

  private static final String BOUNDARY = "reviewer-test-boundary-7MA4YWxkTrZu0gW";

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired JdbcClient jdbc;
  @Autowired MultipartConfigElement multipart;

  private final HttpClient http = HttpClient.newHttpClient();
  private UUID tenant;
  private String key;

  @BeforeEach
  void tenant() {
    tenant = keys.ensureTenant("upload-limit-" + UUID.randomUUID());
    key = keys.createKey(tenant, Caller.Role.MEMBER);
  }

  @Test
  void theContainersMultipartLimitsFollowTheOneSetting() {
    assertThat(multipart.getMaxFileSize()).isEqualTo(64 * 1024);
    assertThat(multipart.getMaxRequestSize()).isEqualTo(2 * 64 * 1024);
  }

  @Test
  void anArchiveOverTheLimitIsRefusedWith413AndNothingIsStored() throws Exception {
    byte[] tooLarge = multipart(zipWithRandomEntry(300 * 1024));
    byte[] justOver = multipart(zipWithRandomEntry(64 * 1024 + 200));

    for (var request :
        new HttpRequest[] {
          upload(HttpRequest.BodyPublishers.ofByteArray(tooLarge)),
          upload(HttpRequest.BodyPublishers.ofByteArray(justOver)),
          // No Content-Length: the HTTP client streams it with chunked transfer encoding.
          upload(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)))
        }) {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(request.toString()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(response.body()).contains("/problems/payload-too-large");
    }
    assertThat(stored()).isZero();

    var small = Archives.zipOf(ScanIT.FIXTURE);
    assertThat(small.length).isLessThan(64 * 1024);
    var accepted =
        http.send(
            upload(HttpRequest.BodyPublishers.ofByteArray(multipart(small))),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(stored())
        .as("an archive under the limit is stored and its job enqueued")
        .isEqualTo(2);
  }

  private long stored() {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM scan_archives WHERE tenant_id = :t)"
                + " + (SELECT count(*) FROM jobs WHERE tenant_id = :t)")
        .param("t", tenant)
        .query(Long.class)
        .single();
  }

  private HttpRequest upload(HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/scans"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .timeout(Duration.ofSeconds(30))
        .POST(body)
        .build();
  }

  private static byte[] multipart(byte[] archive) throws Exception {
    var out = new ByteArrayOutputStream();
    out.write(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"app.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(archive);
    out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A real zip that does not compress: one entry of random bytes. */
  private static byte[] zipWithRandomEntry(int size) throws Exception {
    byte[] content = new byte[size];
    new Random(42).nextBytes(content);
    var out = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("src/data.bin"));
      zip.write(content);
      zip.closeEntry();
    }
    return out.toByteArray();
  }
}
