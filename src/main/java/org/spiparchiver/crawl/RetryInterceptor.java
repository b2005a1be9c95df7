package org.spiparchiver.crawl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Tries again what may succeed later (the retry step of {@link HttpFetcher}'s chain; see its class comment). */
final class RetryInterceptor implements Interceptor {
  /** Back-off after the n-th failed try: delay × FACTOR^n (1 s delay: 4 s, then 16 s). */
  static final int BACKOFF_FACTOR = 4;

  private final Politeness politeness;
  private final int maxTries;
  private final Duration cap;
  private final Politeness.Sleeper sleeper;
  private final Clock clock;

  RetryInterceptor(Politeness politeness, int maxTries, Duration cap, Politeness.Sleeper sleeper, Clock clock) {
    this.politeness = politeness;
    this.maxTries = maxTries;
    this.cap = cap;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String host = HttpFetcher.authority(request);
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = chain.proceed(request);
      } catch (HttpFetcher.Disallowed | HttpFetcher.TooLarge | HttpFetcher.DeadlineExceeded | Politeness.PauseTooLong e) {
        throw e;
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted() || chain.call().isCanceled()) throw e;
        if (attempt >= maxTries) throw e;
        backOff(host, attempt);
        continue;
      } catch (IOException e) {
        // A cancelled call (the run's time is up) is not tried again.
        if (attempt >= maxTries || chain.call().isCanceled()) throw e;
        backOff(host, attempt);
        continue;
      }
      int code = response.code();
      boolean busy = code == 429 || code == 503;
      if (!busy && code < 500) return response;
      Optional<Duration> retryAfter = busy ? retryAfter(response.header("Retry-After"), clock.instant()) : Optional.empty();
      if (retryAfter.isPresent() && retryAfter.get().compareTo(cap) > 0) {
        politeness.pause(host, retryAfter.get());
        response.close();
        throw new Politeness.PauseTooLong(host, retryAfter.get(), cap);
      }
      if (attempt >= maxTries) return response;
      response.close();
      if (retryAfter.isPresent()) politeness.pause(host, retryAfter.get());
      else backOff(host, attempt);
    }
  }

  private void backOff(String host, int attempt) {
    Duration base = politeness.delay(host);
    if (base.isZero()) base = Duration.ofMillis(1);
    politeness.pause(host, base.multipliedBy((long) Math.pow(BACKOFF_FACTOR, attempt)));
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) return Optional.empty();
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
