package org.spiparchiver.crawl;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Cancels an attempt still running past crawl.request_deadline (network interceptor, before
 * recording; see {@link HttpFetcher} for the order of the chain), however steadily bytes arrive.
 */
final class DeadlineInterceptor implements Interceptor {
  /** One daemon thread for every fetcher (and the run's --max-duration, see Crawler): it only fires cancellations. */
  static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "request-deadline");
        t.setDaemon(true);
        return t;
      });
  private final Duration deadline;

  DeadlineInterceptor(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
    okhttp3.Call call = chain.call();
    java.util.concurrent.ScheduledFuture<?> timer = WATCHDOG.schedule(() -> {
      fired.set(true);
      call.cancel();
    }, deadline.toNanos(), TimeUnit.NANOSECONDS);
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      timer.cancel(false);
      if (fired.get()) throw new HttpFetcher.DeadlineExceeded(chain.request().url().uri(), deadline);
      throw e;
    }
    if (!timer.cancel(false)) {
      // The watchdog fired as the response completed: the call is cancelled, say why.
      response.close();
      throw new HttpFetcher.DeadlineExceeded(chain.request().url().uri(), deadline);
    }
    return response;
  }
}
