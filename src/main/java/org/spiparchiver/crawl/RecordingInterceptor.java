package org.spiparchiver.crawl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.spiparchiver.mirror.BodyLimit;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageVersion;
import org.spiparchiver.mirror.WarcArchive;

/**
 * Reads the body with the size cap (as transferred, and decoded for gzip: the body is decoded here,
 * once) and archives the exchange
 * before anyone sees it (the last network interceptor; see {@link HttpFetcher}).
 */
final class RecordingInterceptor implements Interceptor {
  private final WarcArchive archive;
  private final long maxBody;
  private final Clock clock;

  RecordingInterceptor(WarcArchive archive, long maxBody, Clock clock) {
    this.archive = archive;
    this.maxBody = maxBody;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    URI uri = request.url().uri();
    Instant date = clock.instant();
    Response response = chain.proceed(request);
    byte[] payload;
    try (ResponseBody body = response.body()) {
      if (body.contentLength() > maxBody) throw new HttpFetcher.TooLarge(uri, maxBody);
      payload = readCapped(body.source(), uri);
    }
    HttpFetcher.Exchange ex = request.tag(HttpFetcher.Exchange.class);
    decode(payload, response.header("Content-Encoding", ""), uri, ex);
    if (ex != null) ex.responseEnd = clock.instant();
    InetAddress ip = null;
    if (chain.connection() != null) ip = chain.connection().route().socketAddress().getAddress();
    WarcArchive.Capture capture;
    try {
      capture = archive.write(new WarcArchive.Exchange(
          uri, ip, date, requestHead(request), responseHead(response), payload), ex == null ? null : ex.previous);
    } catch (IOException e) {
      // The archive itself failed (disk full, I/O error): not this URL's fault, so not retried nor
      // recorded as its failure. It ends the run; the torn record is cut by the next one.
      throw new HttpFetcher.ArchiveFailure(e);
    }
    if (ex != null) {
      ex.capture = capture;
      ex.fetchedAt = date;
    }
    return response.newBuilder().body(ResponseBody.create(payload, body(response))).build();
  }

  private byte[] readCapped(BufferedSource source, URI uri) throws IOException {
    // How long this may take is bounded by the Deadline interceptor (crawl.request_deadline).
    Buffer buffer = new Buffer();
    while (source.read(buffer, HttpFetcher.CHUNK) != -1) {
      if (buffer.size() > maxBody) throw new HttpFetcher.TooLarge(uri, maxBody);
    }
    return buffer.readByteArray();
  }

  /**
   * The body with its Content-Encoding (gzip) removed, once per response, into {@code ex}: inflated
   * under the one decoded-size limit ({@link BodyLimit}), so a decompression bomb is abandoned
   * ({@link HttpFetcher.TooLargeDecoded}) before it is archived. A body that is not valid gzip is
   * archived as received; the crawler fails its URL when it reads it ({@link HttpFetcher.Result#decoded}).
   */
  private void decode(byte[] payload, String contentEncoding, URI uri, HttpFetcher.Exchange ex) throws IOException {
    String enc = contentEncoding.trim().toLowerCase(java.util.Locale.ROOT);
    byte[] decoded = payload;
    String undecodable = null;
    if (enc.equals("gzip") || enc.equals("x-gzip")) {
      try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(payload), HttpFetcher.CHUNK)) {
        decoded = BodyLimit.read(in, maxBody);
      } catch (BodyLimit.Exceeded e) {
        throw new HttpFetcher.TooLargeDecoded(uri, maxBody);
      } catch (IOException e) {
        // Never the compressed bytes in place of the page.
        decoded = null;
        undecodable = "undecodable body (Content-Encoding " + enc + "): " + e.getMessage();
      }
    }
    if (ex != null) {
      ex.decoded = decoded;
      ex.undecodable = undecodable;
    }
  }

  private static okhttp3.MediaType body(Response r) {
    String ct = r.header("Content-Type");
    return ct == null ? null : okhttp3.MediaType.parse(ct);
  }

  /** The request as sent (method, target, headers), serialized by jwarc's HTTP builder. */
  static byte[] requestHead(Request r) {
    String target = r.url().encodedPath() + (r.url().encodedQuery() == null ? "" : "?" + r.url().encodedQuery());
    org.netpreserve.jwarc.HttpRequest.Builder b = new org.netpreserve.jwarc.HttpRequest.Builder(r.method(), target)
        .version(MessageVersion.HTTP_1_1);
    Headers h = r.headers();
    for (int i = 0; i < h.size(); i++) b.addHeader(h.name(i), h.value(i));
    return b.build().serializeHeader();
  }

  /**
   * The status line the server sent (its protocol version and reason phrase, as OkHttp read them)
   * and its headers in order, minus Transfer-Encoding: OkHttp has already removed the chunked
   * framing, so the recorded block is the plain body. Serialized by jwarc's HTTP builder.
   */
  static byte[] responseHead(Response r) {
    MessageVersion version = r.protocol() == Protocol.HTTP_1_0 ? MessageVersion.HTTP_1_0 : MessageVersion.HTTP_1_1;
    HttpResponse.Builder b = new HttpResponse.Builder(r.code(), r.message()).version(version);
    Headers h = r.headers();
    for (int i = 0; i < h.size(); i++) {
      if (!h.name(i).equalsIgnoreCase("Transfer-Encoding")) b.addHeader(h.name(i), h.value(i));
    }
    return b.build().serializeHeader();
  }
}
