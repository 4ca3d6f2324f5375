package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@PlatformTest
@Import(JobsIT.TestJobs.class)
@TestPropertySource(
    properties = {
      "reviewer.jobs.retry-base-delay=100ms",
      "reviewer.jobs.retry-max-delay=400ms",
      "reviewer.jobs.tenant-running-limit=2",
      "reviewer.jobs.tenant-limit-delay=200ms"
    })
class JobsIT {

  @TestConfiguration
  static class TestJobs {
    @Bean
    TestJobHandler testJobHandler() {
      return new TestJobHandler();
    }
  }

  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;
  @Autowired TestJobHandler handler;
  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;

  UUID tenant;
  String key;

  @BeforeEach
  void tenant() {
    tenant = apiKeys.ensureTenant("jobs-" + UUID.randomUUID());
    key = apiKeys.createKey(tenant, Caller.Role.MEMBER);
  }

  @Test
  void enqueuedJobRunsAndSucceedsWithItsResult() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:a"));
    assertThat(accepted.created()).isTrue();

    JsonNode job = awaitState(accepted.jobId(), "succeeded");
    assertThat(job.path("progress").asInt()).isEqualTo(100);
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.path("resultUrl").asString()).isEqualTo("/results/a");
    assertThat(job.path("kind").asString()).isEqualTo("test");
    assertThat(handler.runs("a")).isEqualTo(1);
  }

  @Test
  void failedAttemptsAreRetriedWithBackoffUntilTheJobSucceeds() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "flaky:b:2"));

    JsonNode job = awaitState(accepted.jobId(), "succeeded");
    assertThat(job.path("attempts").asInt()).isEqualTo(3);
    assertThat(job.path("error").isNull()).isTrue();
    assertThat(handler.runs("b")).isEqualTo(3);
  }

  @Test
  void jobFailsAfterItsLastAttemptWithAnErrorFitForUsers() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "broken:c"));

    JsonNode job = awaitState(accepted.jobId(), "failed");
    assertThat(job.path("attempts").asInt()).isEqualTo(3);
    assertThat(job.path("error").asString()).contains("failed after 3 attempts", "error id");
    assertThat(job.path("error").asString()).doesNotContain("IllegalStateException");
    assertThat(handler.runs("c")).isEqualTo(3);
  }

  @Test
  void nonRetryableErrorFailsAtOnce() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "invalid:d"));

    JsonNode job = awaitState(accepted.jobId(), "failed");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.path("error").asString()).isEqualTo("The input of d is invalid.");
    assertThat(handler.runs("d")).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyAndBodyGiveTheSameJobAndAnotherBodyIsRefused() {
    var first =
        jobs.enqueue(new NewJob(tenant, TestJobHandler.KIND, "ok:e", "key-1", "hash-1", 0, null));
    var again =
        jobs.enqueue(new NewJob(tenant, TestJobHandler.KIND, "ok:e", "key-1", "hash-1", 0, null));
    assertThat(again.jobId()).isEqualTo(first.jobId());
    assertThat(again.created()).isFalse();

    assertThatThrownBy(() ->
            jobs.enqueue(
                new NewJob(tenant, TestJobHandler.KIND, "ok:f", "key-1", "hash-2", 0, null)))
        .isInstanceOf(IdempotencyKeyReused.class);

    var otherTenant = apiKeys.ensureTenant("jobs-" + UUID.randomUUID());
    var theirs =
        jobs.enqueue(
            new NewJob(otherTenant, TestJobHandler.KIND, "ok:g", "key-1", "hash-2", 0, null));
    assertThat(theirs.jobId()).isNotEqualTo(first.jobId());
    awaitState(first.jobId(), "succeeded");
    assertThat(handler.runs("e")).isEqualTo(1);
  }

  @Test
  void cancelledRunningJobStopsAtItsNextCheckpointWithinTwoSeconds() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "block:h"));
    awaitState(accepted.jobId(), "running");

    var response = call(HttpMethod.DELETE, "/api/v1/jobs/" + accepted.jobId(), key);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state(accepted.jobId()).equals("cancelled"));
  }

  @Test
  void cancelledQueuedJobNeverStartsAndTheTenantLimitHoldsJobsBack() {
    var first = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "block:i1"));
    var second = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "block:i2"));
    awaitState(first.jobId(), "running");
    awaitState(second.jobId(), "running");
    var third = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:i3"));
    var otherTenant = apiKeys.ensureTenant("jobs-" + UUID.randomUUID());
    var othersJob = jobs.enqueue(NewJob.of(otherTenant, TestJobHandler.KIND, "ok:i4"));

    // Another tenant is not held back by this tenant's running jobs.
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.runs("i4") == 1);
    assertThat(jobs.find(otherTenant, othersJob.jobId()).orElseThrow().state())
        .isIn(JobState.RUNNING, JobState.SUCCEEDED);
    assertThat(state(third.jobId())).isEqualTo("queued");

    var cancelled = call(HttpMethod.DELETE, "/api/v1/jobs/" + third.jobId(), key);
    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(body(cancelled).path("state").asString()).isEqualTo("cancelled");

    jobs.cancel(tenant, first.jobId());
    jobs.cancel(tenant, second.jobId());
    awaitState(first.jobId(), "cancelled");
    awaitState(second.jobId(), "cancelled");
    var job = jobs.find(tenant, third.jobId()).orElseThrow();
    assertThat(job.attempts()).isZero();
    assertThat(job.startedAt()).isNull();
    assertThat(handler.runs("i3")).isZero();
  }

  @Test
  void aTenantNeverRunsMoreThanItsLimitWhileOthersRun() {
    // Eight threads compete for twelve jobs of one tenant (limit 2): every claim must count the
    // jobs that other claims started a moment before, or more than two would run.
    List<UUID> busy = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      busy.add(jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "hold:f" + i + ":150")).jobId());
    }
    var otherTenant = apiKeys.ensureTenant("jobs-" + UUID.randomUUID());
    var other = jobs.enqueue(NewJob.of(otherTenant, TestJobHandler.KIND, "hold:fo:150"));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() ->
            busy.stream()
                .allMatch(id -> jobs.find(tenant, id).orElseThrow().state() == JobState.SUCCEEDED));
    assertThat(handler.maxRunningAtOnce(tenant)).isEqualTo(2);
    assertThat(jobs.find(otherTenant, other.jobId()).orElseThrow().state())
        .isEqualTo(JobState.SUCCEEDED);
    for (int i = 0; i < 12; i++) {
      assertThat(handler.runs("f" + i)).as("runs of job f" + i).isEqualTo(1);
    }
  }

  @Test
  void failedJobCanBeRetriedThroughTheApi() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "flaky:j:3"));
    awaitState(accepted.jobId(), "failed");

    var response = call(HttpMethod.POST, "/api/v1/jobs/" + accepted.jobId() + "/retry", key);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getHeaders().getLocation()).hasToString("/api/v1/jobs/" + accepted.jobId());

    JsonNode job = awaitState(accepted.jobId(), "succeeded");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(handler.runs("j")).isEqualTo(4);
  }

  @Test
  void retryOfASucceededJobIsAConflictProblem() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:k"));
    awaitState(accepted.jobId(), "succeeded");

    var response = call(HttpMethod.POST, "/api/v1/jobs/" + accepted.jobId() + "/retry", key);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(body(response).path("type").asString()).endsWith("/problems/job-state-conflict");
  }

  @Test
  void anotherTenantsJobIsNotFound() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:l"));
    var otherTenant = apiKeys.ensureTenant("jobs-" + UUID.randomUUID());
    String otherKey = apiKeys.createKey(otherTenant, Caller.Role.ADMIN);

    for (var request :
        new String[] {
          "GET /api/v1/jobs/%s",
          "GET /api/v1/jobs/%s/events",
          "DELETE /api/v1/jobs/%s",
          "POST /api/v1/jobs/%s/retry"
        }) {
      String[] parts = request.split(" ");
      var response =
          call(HttpMethod.valueOf(parts[0]), parts[1].formatted(accepted.jobId()), otherKey);
      assertThat(response.getStatusCode()).as(request).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(body(response).path("type").asString()).endsWith("/problems/not-found");
    }
  }

  @Test
  void malformedJobIdIsABadRequestProblem() {
    var response = call(HttpMethod.GET, "/api/v1/jobs/not-a-uuid", key);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void eventStreamCarriesIdsEndsAfterTheFinalStateAndResumes() {
    var accepted = jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:m"));
    awaitState(accepted.jobId(), "succeeded");

    var all = call(HttpMethod.GET, "/api/v1/jobs/" + accepted.jobId() + "/events", key);
    assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
    var events = SseParser.parse(all.getBody());
    assertThat(events).extracting(SseParser.Event::name).contains("progress").endsWith("succeeded");
    assertThat(events.getLast().data()).contains("\"resultUrl\":\"/results/m\"");

    String resumeAfter = events.get(events.size() - 2).id();
    var resumed =
        call(
            HttpMethod.GET,
            "/api/v1/jobs/" + accepted.jobId() + "/events",
            key,
            headers -> headers.set("Last-Event-ID", resumeAfter));
    assertThat(SseParser.parse(resumed.getBody()))
        .extracting(SseParser.Event::id)
        .containsExactly(events.getLast().id());
  }

  private String state(UUID id) {
    return body(call(HttpMethod.GET, "/api/v1/jobs/" + id, key)).path("state").asString();
  }

  private JsonNode awaitState(UUID id, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state(id).equals(state));
    return body(call(HttpMethod.GET, "/api/v1/jobs/" + id, key));
  }

  private ResponseEntity<String> call(HttpMethod method, String path, String apiKey) {
    return call(method, path, apiKey, headers -> {});
  }

  private ResponseEntity<String> call(
      HttpMethod method,
      String path,
      String apiKey,
      java.util.function.Consumer<HttpHeaders> extra) {
    var headers = new HttpHeaders();
    headers.setBearerAuth(apiKey);
    extra.accept(headers);
    return http.exchange(path, method, new HttpEntity<>(headers), String.class);
  }

  private JsonNode body(ResponseEntity<String> response) {
    return json.readTree(response.getBody());
  }
}
