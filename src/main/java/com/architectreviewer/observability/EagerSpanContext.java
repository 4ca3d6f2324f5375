package com.architectreviewer.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Trace ids for Prometheus exemplars from a tracer injected when the bean is made, instead of
 * Spring Boot's lazy lookup of the tracer on the first sample.
 *
 * <p>The lazy lookup asks the bean factory for the tracer from whatever thread records a metric
 * first. During startup that was HikariCP's connection-adder thread (recording a connection's
 * creation time) while the main thread, holding the bean factory's lock to create the beans that
 * need the pool, recorded a connection's acquisition time and waited for the lazy lookup's lock:
 * both API instances of the fault suite hung at startup this way (jstack: a Java-level deadlock
 * between "main" and "reviewer:connection-adder"; spring-boot#46763 is the same open issue). With
 * the tracer injected up front, recording a metric never touches the bean factory.
 */
final class EagerSpanContext implements SpanContext {

  private final Tracer tracer;

  EagerSpanContext(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public String getCurrentTraceId() {
    Span span = tracer.currentSpan();
    return span == null ? null : span.context().traceId();
  }

  @Override
  public String getCurrentSpanId() {
    Span span = tracer.currentSpan();
    return span == null ? null : span.context().spanId();
  }

  @Override
  public boolean isCurrentSpanSampled() {
    Span span = tracer.currentSpan();
    return span != null && Boolean.TRUE.equals(span.context().sampled());
  }

  @Override
  public void markCurrentSpanAsExemplar() {
    Span span = tracer.currentSpan();
    if (span != null) {
      span.tag(EXEMPLAR_ATTRIBUTE_NAME, EXEMPLAR_ATTRIBUTE_VALUE);
    }
  }
}
