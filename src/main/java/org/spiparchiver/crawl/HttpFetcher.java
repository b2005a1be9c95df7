package org.spiparchiver.crawl;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.spiparchiver.config.Config;
import org.spiparchiver.mirror.WarcArchive;

/**
 * The HTTP client of the crawler. Its OkHttp interceptor chain, in order:
 *
 * <ol>
 *   <li>user agent: the configured User-Agent, and {@code Accept-Encoding: gzip} asked for
 *       explicitly, so that OkHttp does not decode bodies and the WARC holds them as transferred;
 *   <li>robots gate: a URL robots.txt disallows never reaches the network;
 *   <li>retry: 5xx, 429/503, timeouts, resets and truncated bodies are tried again, at most
 *       crawl.max_tries times, after Retry-After (seconds or HTTP date, up to crawl.retry_after_cap)
 *       or an exponential back-off;
 *   <li>politeness: every attempt waits its turn ({@link Politeness}), and the delay counts from the
 *       end of the response;
 *   <li>deadline (network interceptor): each attempt must complete within crawl.request_deadline,
 *       from connecting to the last body byte; a watchdog cancels the call past it
 *       ({@link DeadlineExceeded}, not retried: a server that drips bytes would do it again);
 *   <li>recording (network interceptor): the body is read with the size cap (on the bytes as
 *       transferred and, for a gzip body, on the decoded size), and the exchange is written to the
 *       WARC archive before anyone sees it.
 * </ol>
 *
 * One connection, no automatic redirects (the crawler follows them itself), no silent retries by
 * OkHttp, HTTP/1.1 only (so that the WARC records are plain HTTP/1.1 messages).
 */
public final class HttpFetcher implements Closeable {

  /** Read chunk while streaming a body. */
  static final int CHUNK = 1 << 16;

  /**
   * What the crawler gets back: a complete response (body as transferred, and decoded: Content-Encoding
   * removed, within crawl.max_body_size) and where it was archived.
   *
   * @param decodedBody null when the body does not decode ({@code undecodable} says why)
   */
  public record Result(URI url, int status, Headers headers, byte[] body, byte[] decodedBody, String undecodable,
      WarcArchive.Capture capture, Instant fetchedAt) {

    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }

    /** The body with its Content-Encoding removed; {@link UndecodableBody} when it does not decode. */
    public byte[] decoded() {
      if (decodedBody == null) throw new UndecodableBody(undecodable);
      return decodedBody;
    }
  }

  /** A body that its Content-Encoding does not decode: the URL fails with the reason. */
  public static final class UndecodableBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecodableBody(String message) {
      super(message);
    }
  }

  /** robots.txt disallows the URL. */
  public static final class Disallowed extends IOException {
    private static final long serialVersionUID = 1L;
    Disallowed(URI url) {
      super("disallowed by robots.txt: " + url);
    }
  }

  /** The body is larger than crawl.max_body_size: abandoned, never loaded. */
  public static class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    TooLarge(URI url, long limit) {
      super("body larger than " + limit + " bytes: " + url);
    }

    TooLarge(String message) {
      super(message);
    }
  }

  /** The body decodes (Content-Encoding: gzip) to more than crawl.max_body_size: a decompression bomb. */
  public static final class TooLargeDecoded extends TooLarge {
    private static final long serialVersionUID = 1L;

    TooLargeDecoded(URI url, long limit) {
      super("body decodes to more than " + limit + " bytes (crawl.max_body_size): " + url);
    }
  }

  /** The request did not complete within crawl.request_deadline. */
  public static final class DeadlineExceeded extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded(URI url, Duration deadline) {
      super("no complete response within " + org.spiparchiver.config.Durations.format(deadline)
          + " (crawl.request_deadline): " + url);
    }
  }

  /**
   * The run's time is up ({@code --max-duration}): the request in flight was cancelled, nothing of it
   * archived; not this URL's failure, it is fetched again by the next run. The message is the run's reason.
   */
  public static final class CutOff extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    CutOff(String reason) {
      super(reason);
    }
  }

  /** Writing to the WARC archive failed: the run must stop (unchecked, so no URL-level handler swallows it). */
  public static final class ArchiveFailure extends java.io.UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ArchiveFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Per-request data between the crawler and the interceptors. */
  static final class Exchange {
    final WarcArchive.Previous previous;
    WarcArchive.Capture capture;
    Instant fetchedAt;
    /** The body decoded, or null with {@code undecodable} the reason (see {@link RecordingInterceptor}). */
    byte[] decoded;
    String undecodable;
    /** When the last byte of the response arrived: the politeness delay counts from here, not after archiving. */
    Instant responseEnd;

    Exchange(WarcArchive.Previous previous) {
      this.previous = previous;
    }
  }

  private final OkHttpClient client;
  private final Clock clock;
  private final long maxBodySize;
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
  /** Set once the run's time is up: the reason, and no request goes out any more. */
  private volatile String cutOff;

  public HttpFetcher(Config config, RobotsGate robots, Politeness politeness,
      WarcArchive archive, Clock clock, Politeness.Sleeper sleeper) {
    this.clock = clock;
    Config.Crawl c = config.crawl();
    this.maxBodySize = c.maxBodySize();
    this.client = new OkHttpClient.Builder()
        .dispatcher(oneAtATime())
        .connectionPool(new ConnectionPool(1, 30, TimeUnit.SECONDS))
        .protocols(List.of(Protocol.HTTP_1_1))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(c.connectTimeout())
        .readTimeout(c.readTimeout())
        .writeTimeout(c.readTimeout())
        .addInterceptor(userAgent(config.userAgent()))
        .addInterceptor(robotsGate(robots))
        .addInterceptor(new RetryInterceptor(politeness, c.maxTries(), c.retryAfterCap(), sleeper, clock))
        .addInterceptor(politeness(politeness, requests, clock))
        .addNetworkInterceptor(new DeadlineInterceptor(c.requestDeadline()))
        .addNetworkInterceptor(new RecordingInterceptor(archive, c.maxBodySize(), clock))
        .build();
  }

  private static Dispatcher oneAtATime() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(1);
    d.setMaxRequestsPerHost(1);
    return d;
  }

  /**
   * Fetches {@code url}; {@code previous} (the last capture of this URL, may be null) lets an
   * unchanged payload be archived as a revisit. Conditional headers are sent when known.
   */
  public Result fetch(URI url, WarcArchive.Previous previous, String etag, String lastModified) throws IOException {
    Exchange ex = new Exchange(previous);
    Request.Builder rb = new Request.Builder().url(url.toString()).get().tag(Exchange.class, ex);
    if (etag != null) rb.header("If-None-Match", etag);
    if (lastModified != null) rb.header("If-Modified-Since", lastModified);
    if (cutOff != null) throw new CutOff(cutOff);
    try (Response r = client.newCall(rb.build()).execute()) {
      byte[] body = r.body().bytes();
      return new Result(url, r.code(), r.headers(), body, ex.decoded, ex.undecodable, ex.capture,
          ex.fetchedAt == null ? clock.instant() : ex.fetchedAt);
    } catch (IOException e) {
      if (cutOff != null) throw new CutOff(cutOff);
      throw e;
    }
  }

  /**
   * Cancels the request in flight, however slowly its body arrives, and refuses every later one with
   * {@link CutOff} (the run's --max-duration has passed; {@code reason} says so).
   */
  public void cutOff(String reason) {
    cutOff = reason;
    client.dispatcher().cancelAll();
  }

  /** Whether {@link #cutOff} was called. */
  public boolean isCutOff() {
    return cutOff != null;
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private static Interceptor userAgent(String ua) {
    return chain -> chain.proceed(chain.request().newBuilder()
        .header("User-Agent", ua)
        .header("Accept-Encoding", "gzip")
        .build());
  }

  private static Interceptor robotsGate(RobotsGate robots) {
    return chain -> {
      URI uri = chain.request().url().uri();
      if (!robots.allowed(uri)) throw new Disallowed(uri);
      return chain.proceed(chain.request());
    };
  }

  /** Requests that reached (or tried to reach) the network, retries included. */
  public long requests() {
    return requests.get();
  }

  /** crawl.max_body_size: a larger body is abandoned ({@link TooLarge}). */
  public long maxBodySize() {
    return maxBodySize;
  }

  private static Interceptor politeness(Politeness p, java.util.concurrent.atomic.AtomicLong counter, Clock clock) {
    return chain -> {
      String host = authority(chain.request());
      Exchange ex = chain.request().tag(Exchange.class);
      p.awaitTurn(host);
      counter.incrementAndGet();
      if (ex != null) ex.responseEnd = null;
      try {
        return chain.proceed(chain.request());
      } finally {
        p.finished(host, ex != null && ex.responseEnd != null ? ex.responseEnd : clock.instant());
      }
    };
  }

  static String authority(Request r) {
    return r.url().uri().getRawAuthority();
  }
}
