package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3): a pure function, no server. */
class RetryAfterTest {
  @ParameterizedTest
  @CsvSource({
      "120, 120",
      "0, 0",
      "'Thu, 26 Nov 2026 12:00:30 GMT', 30",
      "'Thu, 26 Nov 2026 11:00:00 GMT', 0",
  })
  void readsRetryAfter(String header, long seconds) {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    assertThat(RetryInterceptor.retryAfter(header, now)).contains(Duration.ofSeconds(seconds));
  }

  @Test
  void ignoresUnreadableRetryAfter() {
    assertThat(RetryInterceptor.retryAfter("soon", Instant.now())).isEqualTo(Optional.empty());
  }
}
