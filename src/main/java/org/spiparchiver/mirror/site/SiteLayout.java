package org.spiparchiver.mirror.site;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule naming the files of the offline copy: an archived URL to a safe path relative to the
 * mirror, {@code site/<host>[_<port>]/…}.
 *
 * <ul>
 *   <li>SPIP pages: {@code spip.php?article839} → {@code article839.html},
 *       {@code spip.php?rubrique12&debut_articles_rubs=5} → {@code rubrique12-p5.html}, the home page
 *       → {@code index.html}; other query pages by a readable slug and a short hash of the URL
 *       ({@code spip.php?page=config.css} → {@code config-<hash>.css}), the extension from the
 *       {@code page=} name or the media type.
 *   <li>Static files keep their path, minus a cache-busting query ({@code x.css?1738231487}).
 *   <li>A name that is not plainly safe (characters outside {@code [A-Za-z0-9._~+-]}, a percent
 *       escape, a leading dot, {@code ..}, a reserved device name such as {@code CON}, too long, or
 *       shaped like a generated name) becomes {@code <slug>_<hash>[.<ext>]}, the hash taken over the
 *       URL, so it stays unique; directory names never contain a dot (a dotted one is hashed too), file
 *       names always do, so a file never stands where another URL needs a directory.
 * </ul>
 * Nothing maps outside {@code site/}: every name is built from safe characters only.
 */
public final class SiteLayout {
  public static final String DIR = "site";
  /** Beside {@link #DIR}: present while a crawl's copy is not brought up to date yet (see SiteCopy). */
  public static final String RUN_MARKER = DIR + ".pending";

  /** Generated names keep readable slugs short: well under the 255-byte limit of file systems. */
  static final int MAX_SLUG = 60;
  /** A plain name longer than this is hashed (with the slug and hash, every name stays ≤ 200 bytes). */
  static final int MAX_NAME = 120;
  /** Deeper paths (or longer ones) are collapsed into one hashed file at the host's top. */
  static final int MAX_DEPTH = 16;
  static final int MAX_PATH = 600;
  /** 40 bits of SHA-256: unique among the URLs sharing one slug (they are few) with a wide margin. */
  private static final int HASH_CHARS = 10;

  private static final Pattern CLEAN = Pattern.compile("[A-Za-z0-9_~+-]([A-Za-z0-9._~+-]*[A-Za-z0-9_~+-])?");
  private static final Pattern CLEAN_DIR = Pattern.compile("[A-Za-z0-9_~+-]+");
  private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
  /** Shapes of generated names: a plain name of that shape is hashed, so it cannot take a generated one's place. */
  private static final Pattern GENERATED = Pattern.compile(
      "(?i).*[-_][0-9a-f]{" + HASH_CHARS + "}(\\.[a-z0-9]+)?|(index|[a-z]+\\d+)(-[A-Za-z0-9_-]+)?\\.html");
  private static final Pattern EXTENSION = Pattern.compile(".*[^.]\\.([A-Za-z0-9]{1,8})");
  private static final Pattern OBJECT = Pattern.compile("(article|rubrique|breve|mot|auteur|site|syndic|document)\\d+");
  private static final Pattern PAGINATION = Pattern.compile("debut_([a-z0-9_]{1,40})=(\\d{1,9})");
  private static final Pattern CACHE_BUSTER = Pattern.compile("\\d{1,20}");
  private static final Map<String, String> EXT_BY_TYPE = Map.ofEntries(
      Map.entry("text/html", "html"), Map.entry("application/xhtml+xml", "html"), Map.entry("text/css", "css"),
      Map.entry("application/javascript", "js"), Map.entry("text/javascript", "js"),
      Map.entry("application/x-javascript", "js"), Map.entry("application/json", "json"),
      Map.entry("text/xml", "xml"), Map.entry("application/xml", "xml"), Map.entry("application/rss+xml", "xml"),
      Map.entry("application/atom+xml", "xml"), Map.entry("text/plain", "txt"), Map.entry("image/jpeg", "jpg"),
      Map.entry("image/png", "png"), Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"),
      Map.entry("image/svg+xml", "svg"), Map.entry("image/x-icon", "ico"), Map.entry("image/vnd.microsoft.icon", "ico"),
      Map.entry("application/pdf", "pdf"), Map.entry("font/woff", "woff"), Map.entry("font/woff2", "woff2"),
      Map.entry("font/ttf", "ttf"), Map.entry("font/otf", "otf"));

  private SiteLayout() {}

  /** The file of an HTML page ({@code site/<host>/article839.html}), relative to the mirror. */
  public static String page(URI url) {
    return path(url, "text/html");
  }

  /**
   * The file of {@code url}, relative to the mirror, using '/' as separator.
   *
   * @param mediaType the archived response's type ({@code text/css}), or null when unknown; it only
   *     chooses the extension of names that have none of their own
   */
  public static String path(URI url, String mediaType) {
    String rawPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null || url.getRawQuery().isEmpty() ? null : url.getRawQuery();
    String key = url.getScheme() + "://" + url.getRawAuthority() + rawPath;
    List<String> segments = new ArrayList<>(List.of(rawPath.substring(1).split("/", -1)));
    String last = segments.remove(segments.size() - 1);
    StringBuilder out = new StringBuilder(DIR).append('/').append(hostDir(url)).append('/');
    int start = out.length();
    StringBuilder prefix = new StringBuilder(key.substring(0, key.length() - rawPath.length()));
    for (String s : segments) {
      prefix.append('/').append(s);
      out.append(dirName(s, prefix.toString())).append('/');
    }
    String name = fileName(last, query, mediaType, key);
    if (segments.size() > MAX_DEPTH || out.length() - start + name.length() > MAX_PATH) {
      String full = key + (query == null ? "" : "?" + query);
      out.setLength(start);
      out.append("deep_").append(hash(full)).append('.').append(extension(name, "bin"));
      return out.toString();
    }
    return out.append(name).toString();
  }

  /** {@code host} or {@code host_port}; hashed when the host is not a plain DNS name. */
  static String hostDir(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String port = url.getPort() < 0 ? "" : "_" + url.getPort();
    if (host.matches("[a-z0-9]([a-z0-9.-]{0,100}[a-z0-9])?") && !host.endsWith(".html")) return host + port;
    return slug(host) + port + "_" + hash(String.valueOf(url.getRawAuthority()));
  }

  private static String dirName(String raw, String prefix) {
    if (CLEAN_DIR.matcher(raw).matches() && raw.length() <= MAX_NAME && !RESERVED.matcher(raw).matches()
        && !GENERATED.matcher(raw).matches()) {
      return raw;
    }
    return slug(decode(raw)) + "_" + hash(prefix);
  }

  private static String fileName(String last, String query, String mediaType, String key) {
    boolean script = last.equals("spip.php");
    if (last.isEmpty() || script && query != null) {
      String stem = last.isEmpty() ? "index" : null;
      if (query == null) return "index.html";
      String object = objectName(stem, query);
      if (object != null) return object;
      return querySlug(stem, query) + "-" + hash(key + "?" + query) + "." + queryExtension(query, mediaType);
    }
    // A static file: a numeric query only defeats caches, any other one is part of the name.
    boolean keepQuery = query != null && !CACHE_BUSTER.matcher(query).matches();
    String full = key + (keepQuery ? "?" + query : "");
    Matcher ext = EXTENSION.matcher(last);
    boolean plain = ext.matches() && CLEAN.matcher(last).matches() && last.length() <= MAX_NAME
        && !RESERVED.matcher(last).matches() && !GENERATED.matcher(last).matches();
    if (plain && !keepQuery) return last;
    String extension = ext.matches() ? ext.group(1).toLowerCase(Locale.ROOT) : typeExtension(mediaType, "bin");
    String stem = decode(ext.matches() ? last.substring(0, last.length() - ext.group(1).length() - 1) : last);
    if (keepQuery) stem = stem + "-" + decode(query);
    return slug(stem) + "_" + hash(full) + "." + extension;
  }

  /** {@code article839.html}, {@code rubrique12-p5.html}, {@code index-articles-10.html}; null for other queries. */
  private static String objectName(String stem, String query) {
    String[] params = query.split("&", -1);
    int i = 0;
    if (stem == null) {
      if (!OBJECT.matcher(params[0]).matches()) return null;
      stem = params[0];
      i = 1;
    }
    if (params.length - i > 1) return null;
    if (params.length == i) return stem + ".html";
    Matcher m = PAGINATION.matcher(params[i]);
    if (!m.matches()) return null;
    String n = String.valueOf(Long.parseLong(m.group(2)));
    if (!n.equals(m.group(2))) return null; // "05" and "5" are two URLs: the generic name keeps them apart
    return stem + (m.group(1).equals("articles_rubs") ? "-p" : "-" + m.group(1).replace('_', '-') + "-") + n + ".html";
  }

  private static String querySlug(String stem, String query) {
    String page = pageName(query);
    if (page != null) return slug(page.replaceAll("\\.[A-Za-z0-9]{1,8}$", ""));
    return slug((stem == null ? "" : stem + "-") + decode(query));
  }

  private static String queryExtension(String query, String mediaType) {
    String page = pageName(query);
    if (page != null) {
      Matcher m = EXTENSION.matcher(page);
      if (m.matches() && EXT_BY_TYPE.containsValue(m.group(1).toLowerCase(Locale.ROOT))) {
        return m.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return typeExtension(mediaType, "html");
  }

  /** The value of a sole {@code page=} parameter, else null. */
  private static String pageName(String query) {
    if (!query.startsWith("page=") || query.contains("&")) return null;
    return decode(query.substring(5));
  }

  private static String typeExtension(String mediaType, String otherwise) {
    if (mediaType == null) return otherwise;
    String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return EXT_BY_TYPE.getOrDefault(base, otherwise);
  }

  private static String extension(String name, String otherwise) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? otherwise : name.substring(dot + 1);
  }

  /** ASCII letters and digits of {@code s}, runs of anything else as one '-', at most {@link #MAX_SLUG} chars. */
  static String slug(String s) {
    String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = folded.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    return slug.isEmpty() ? "x" : slug;
  }

  /** Percent escapes decoded (UTF-8, malformed bytes replaced), for slugs only. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()
          && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
        out[n++] = (byte) Integer.parseInt(raw.substring(i + 1, i + 3), 16);
        i += 2;
      } else if (c == '+') {
        out[n++] = ' ';
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        out[n++] = '-';
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  static String hash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
