package org.spiparchiver.serve;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.util.JavalinBindException;
import io.javalin.util.JavalinLogger;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiparchiver.index.IndexException;
import org.spiparchiver.index.LiveIndex;
import org.spiparchiver.mirror.ArchiveSite;
import org.spiparchiver.mirror.ArchiveSites;
import org.spiparchiver.mirror.ArticleLookup;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.ArticleKey;
import org.spiparchiver.model.Json;
import org.spiparchiver.model.Article;

/**
 * The web reading room: search, issues, articles, history and status over a mirror and its index,
 * read-only. Pages are rendered on the server (jte templates in {@code src/main/jte}) and work
 * without JavaScript. Bad input is a 400 or 404 page, never a stack trace.
 */
public final class ReadingRoom implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadingRoom.class);
  /**
   * Every script is refused: the reading room has none, and an archived page or a title holding
   * {@code <script>} must not run one. Images and styles only from here: nothing loads from the live site.
   */
  static final String CSP = "default-src 'self'; script-src 'none'; object-src 'none'; img-src 'self' data:; "
      + "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

  /** The text of the status page, as {@code status} prints it; the message of the exception else. */
  @FunctionalInterface
  public interface StatusSource {
    List<String> lines() throws Exception;
  }

  /** What a server could not do at start (port in use, address not local): one line for the user. */
  public static final class StartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    StartException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final LiveIndex index;
  private final Path mirror;
  private final ArticleRecords records;
  private final MirrorFiles files;
  private final ArticlePages articles;
  private final HistoryPages history;
  private final IssuePages issues;
  private final StatusSource status;
  private final byte[] css;
  private Javalin app;

  public ReadingRoom(Path mirror, Path indexDir, StatusSource status) {
    this.index = new LiveIndex(indexDir);
    this.mirror = mirror;
    this.records = new ArticleRecords(mirror);
    this.files = new MirrorFiles(mirror);
    this.articles = new ArticlePages(files);
    this.history = new HistoryPages();
    this.issues = new IssuePages(index, records, files);
    this.status = status;
    try (InputStream in = ReadingRoom.class.getResourceAsStream("/serve/style.css")) {
      this.css = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("style.css is part of the jar", e);
    }
  }

  /** Starts listening; returns the port (useful with 0, any free port). */
  public int start(String host, int port) {
    // Javalin's own lines (start-up, "Failed to start") would repeat the one line the command prints.
    JavalinLogger.enabled = false;
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.router.ignoreTrailingSlashes = true;
      // Hand odd paths (%2F, ..) to the routes, which answer 404, instead of Jetty's 400 page.
      config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
    });
    routes(app);
    try {
      app.start(host, port);
    } catch (JavalinBindException e) {
      app.stop();
      throw new StartException("cannot listen on " + host + ":" + port + ": the port is already in use", e);
    } catch (RuntimeException e) {
      app.stop();
      if (hasCause(e, BindException.class)) {
        throw new StartException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
      }
      throw e;
    }
    return app.port();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return String.valueOf(t.getMessage());
  }

  private void routes(Javalin app) {
    app.before(ctx -> {
      ctx.header("Content-Security-Policy", CSP);
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
    });
    app.get("/", ctx -> ctx.redirect("/search"));
    app.get("/search", this::search);
    app.get("/issues", ctx -> render(ctx, 200, "issues.jte", Map.of("issues", issues.rows())));
    app.get("/issues/{number}", this::issue);
    app.get("/articles/{id}", ctx -> article(ctx, false));
    app.get("/articles/{id}/history", ctx -> article(ctx, true));
    app.get("/articles/{id}/record.json", this::record);
    app.get("/status", this::status);
    app.get("/static/style.css", ctx -> {
      ctx.header("Cache-Control", "max-age=3600");
      ctx.contentType("text/css; charset=utf-8").result(css);
    });
    app.get("/mirror/<path>", this::mirrorFile);
    app.exception(IndexException.class, (e, ctx) -> {
      if (e.reason() == IndexException.Reason.BAD_QUERY) message(ctx, 400, "Bad query", e.getMessage());
      else message(ctx, 503, "No index", e.getMessage());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
      message(ctx, 500, "Internal error", "The reading room could not show this page; the log has the details.");
    });
    app.error(404, ctx -> {
      if (!ctx.attributeMap().containsKey("rendered")) message(ctx, 404, "Not found", "No such page in the archive.");
    });
  }

  private void search(Context ctx) {
    SearchForm form = SearchForm.read(ctx::queryParam);
    if (ctx.queryParamMap().values().stream().anyMatch(v -> v.stream().anyMatch(String::isBlank))) {
      ctx.redirect(form.url()); // the form's empty fields: a clean URL to bookmark and share
      return;
    }
    if (form.empty()) {
      render(ctx, 200, "search.jte", Map.of("v", SearchPages.empty(form, null)));
      return;
    }
    Views.Search view;
    int code = 200;
    try {
      var request = form.request();
      boolean multiSite = multiSite();
      view = index.with(s -> SearchPages.results(form, request, s.search(request), multiSite));
    } catch (IllegalArgumentException e) {
      view = SearchPages.empty(form, e.getMessage());
      code = 400;
    } catch (IndexException e) {
      if (e.reason() != IndexException.Reason.BAD_QUERY) throw e;
      view = SearchPages.empty(form, e.getMessage());
      code = 400;
    }
    render(ctx, code, "search.jte", Map.of("v", view));
  }

  private void issue(Context ctx) {
    String n = ctx.pathParam("number");
    Optional<Views.IssuePage> page = n.matches("\\d{1,6}") ? issues.page(Integer.parseInt(n)) : Optional.empty();
    if (page.isEmpty()) {
      message(ctx, 404, "Not found", "No issue N°" + n + " in the archive.");
      return;
    }
    render(ctx, 200, "issue.jte", Map.of("v", page.get()));
  }

  /** Whether the archive holds several sites (then pages name the site of each article). */
  private boolean multiSite() {
    try {
      return ArchiveSites.of(mirror).size() > 1;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The record {@code /articles/{id}} names ({@code 123} or {@code site:123}), or a 404 page saying why not. */
  private Optional<ArticleLookup.Found> find(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    Optional<ArticleKey> key = ArticleKey.parse(id);
    try {
      if (key.isPresent()) return Optional.of(ArticleLookup.find(mirror, key.get()));
      message(ctx, 404, "Not found", "No article " + id + " in the archive.");
    } catch (ArticleLookup.NotFound e) {
      message(ctx, 404, "Not found", e.getMessage().replace(mirror.toString(), "").replace("  ", " ") + ".");
    }
    return Optional.empty();
  }

  private void article(Context ctx, boolean withHistory) throws IOException {
    Optional<ArticleLookup.Found> found = find(ctx);
    if (found.isEmpty()) return;
    ArchiveSite site = found.get().site();
    Article a = Json.mapper().readValue(found.get().file().toFile(), Article.class).withSite(site.key());
    String linkSite = multiSite() ? site.key() : null;
    if (withHistory) {
      render(ctx, 200, "history.jte", Map.of("v", history.view(a, site.records(), linkSite, intParam(ctx, "from"),
          intParam(ctx, "to"))));
    } else {
      render(ctx, 200, "article.jte", Map.of("v", articles.view(a, site.records(), linkSite)));
    }
  }

  private static Integer intParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v != null && v.matches("\\d{1,6}") ? Integer.valueOf(v) : null;
  }

  private void record(Context ctx) throws IOException {
    Optional<ArticleLookup.Found> found = find(ctx);
    if (found.isEmpty()) return;
    ctx.contentType("application/json; charset=utf-8").result(Files.readAllBytes(found.get().file()));
  }

  private void status(Context ctx) {
    List<String> lines;
    try {
      lines = status.lines();
    } catch (Exception e) {
      render(ctx, 200, "status.jte", Map.of("v", new Views.Status(List.of(), String.valueOf(e.getMessage()))));
      return;
    }
    render(ctx, 200, "status.jte", Map.of("v", new Views.Status(lines, null)));
  }

  private void mirrorFile(Context ctx) throws IOException {
    String raw = ctx.req().getRequestURI();
    Optional<Path> f = raw.startsWith(MirrorFiles.PREFIX) ? files.resolve(raw.substring(MirrorFiles.PREFIX.length()))
        : Optional.empty();
    if (f.isEmpty()) {
      message(ctx, 404, "Not found", "No such file in the archive.");
      return;
    }
    ctx.contentType(MediaTypes.of(f.get().getFileName().toString()));
    ctx.result(Files.newInputStream(f.get()));
  }

  private void message(Context ctx, int code, String title, String text) {
    render(ctx, code, "message.jte", Map.of("v", new Views.Message(code, title, text)));
  }

  private void render(Context ctx, int code, String template, Map<String, Object> model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.attribute("rendered", true);
    ctx.status(code).contentType("text/html; charset=utf-8").result(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  public void stop() {
    if (app != null) app.stop();
  }

  @Override
  public void close() {
    stop();
    index.close();
  }
}
