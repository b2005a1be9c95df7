package org.spiparchiver.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium, for tests that look at pages as a reader would.
 *
 * <p>Every request the browser sends over the network goes to a recording proxy on loopback that
 * answers none of them, so a test can assert that nothing left the machine ({@link #outbound()}).
 * With {@code proxyLoopback} false, loopback addresses bypass the proxy (for a server under test on
 * 127.0.0.1); with true, even those are caught (for pages opened from disk, which need nothing).
 *
 * <p>Where no browser is installed the test is skipped with a visible message; {@code .ci/run}
 * installs {@code chromium} and {@code chromium-driver}, so CI always runs it.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** A page that has not loaded in this time is a failure of the page, not a slow machine. */
  private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final RecordingProxy proxy;
  private final Path profile;

  private Browser(WebDriver driver, RecordingProxy proxy, Path profile) {
    this.driver = driver;
    this.proxy = proxy;
    this.profile = profile;
  }

  /** Starts a headless browser, or skips the calling test when none is installed. */
  public static Browser start(boolean proxyLoopback) throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed) {
      System.err.println("SKIPPED browser test: no " + CHROMIUM + " / " + DRIVER
          + " (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(installed, "no chromium/chromedriver installed");
    RecordingProxy proxy = new RecordingProxy();
    Path profile = Files.createTempDirectory("spip-archiver-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--window-size=1280,1600",
        "--disable-features=NetworkTimeServiceQuerying", // its clock requests (clients2.google.com/time)
        "--user-data-dir=" + profile,
        "--proxy-server=http://127.0.0.1:" + proxy.port());
    // The DevTools network events of the pages (Network.requestWillBeSent): what the pages asked for,
    // apart from what the browser asks for by itself.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL"));
    if (proxyLoopback) {
      options.addArguments("--proxy-bypass-list=<-loopback>");
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
    return new Browser(driver, proxy, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  /** The request lines ({@code GET http://…}, {@code CONNECT host:443}) the browser sent to the network. */
  public List<String> outbound() {
    return List.copyOf(proxy.requests);
  }

  /** One request a page made: the page's URL and what it asked for. */
  public record PageRequest(String page, String url) {}

  /**
   * The requests pages made since the last call (documents, images, styles, scripts alike, as
   * DevTools saw them: Network.requestWillBeSent), from the browser's performance log. The
   * browser's own start page (chrome://…) is among them; its own services are not.
   */
  public List<PageRequest> pageRequests() {
    List<PageRequest> urls = new java.util.ArrayList<>();
    for (org.openqa.selenium.logging.LogEntry e : driver.manage().logs().get("performance")) {
      try {
        com.fasterxml.jackson.databind.JsonNode m = org.spiparchiver.model.Json.mapper().readTree(e.getMessage()).path("message");
        if ("Network.requestWillBeSent".equals(m.path("method").asText())) {
          urls.add(new PageRequest(m.path("params").path("documentURL").asText(), m.path("params").path("request").path("url").asText()));
        }
      } catch (IOException ex) {
        throw new java.io.UncheckedIOException(ex);
      }
    }
    return urls;
  }

  /** Saves a screenshot of the current page under {@code target/screenshots/NAME.png}. */
  public Path screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      proxy.close();
      try (var walk = Files.walk(profile)) {
        walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** Accepts proxy connections, records their first line and closes them without an answer. */
  private static final class RecordingProxy implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread acceptor;

    RecordingProxy() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::serve, "recording-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          client.setSoTimeout(2000);
          String line = new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
          if (line != null && !line.isBlank()) {
            requests.add(line);
          }
          OutputStream out = client.getOutputStream();
          out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
          // a client that sent nothing: nothing to record
        } catch (IOException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
