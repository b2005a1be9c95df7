package org.spiparchiver.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Issue;
import org.spiparchiver.model.Json;

/**
 * Article records made from the fixture sites' database ground truth ({@code truth.jsonl}, public
 * articles only), standing in for the extractor's output: SPIP markup is stripped from the text,
 * the issue is parsed from its title. About 150 articles in fr, en, es, pt and nl, issues N°10–N°30.
 */
public final class TruthArticles {
  private static final List<String> SITES = List.of("spip4-dist", "escal-dev");
  private static final Pattern ISSUE_NUMBER = Pattern.compile("N\\s*°\\s*(\\d+)");
  private static final Pattern YEAR = Pattern.compile("\\b((?:19|20)\\d\\d)\\b");
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("janvier", 1), Map.entry("février", 2), Map.entry("mars", 3), Map.entry("avril", 4),
      Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7), Map.entry("août", 8),
      Map.entry("septembre", 9), Map.entry("octobre", 10), Map.entry("novembre", 11), Map.entry("décembre", 12));
  private static final Pattern NOTE = Pattern.compile("\\[\\[(.*?)\\]\\]", Pattern.DOTALL);

  private TruthArticles() {}

  /** Every public article of both fixture sites. */
  public static List<Article> all() {
    List<Article> out = new ArrayList<>();
    for (String site : SITES) out.addAll(of(site));
    return out;
  }

  /** Every public article of one fixture site ({@code escal-dev}, {@code spip4-dist}). */
  public static List<Article> of(String site) {
    List<Article> out = new ArrayList<>();
    {
      Path truth = Path.of("src/test/resources/fixtures", site, "truth.jsonl");
      try {
        for (String line : Files.readAllLines(truth)) {
          JsonNode n = Json.mapper().readTree(line);
          if ("publie".equals(n.path("status").asText())) out.add(toArticle(n));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Writes the articles as {@code mirror/articles/<id>.json}; returns the mirror directory. */
  public static Path writeMirror(Path mirror, List<Article> articles) throws IOException {
    for (Article a : articles) write(mirror, a);
    return mirror;
  }

  public static void write(Path mirror, Article a) throws IOException {
    Path dir = Files.createDirectories(mirror.resolve("articles"));
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(a.id() + ".json").toFile(), a);
  }

  static Article toArticle(JsonNode n) {
    String base = n.path("absolute_url").asText().replaceFirst("spip\\.php.*$", "");
    List<String> notes = new ArrayList<>();
    String text = strip(n.path("texte_raw").asText(""), notes);
    String chapo = strip(n.path("chapo_raw").asText(""), notes);
    List<Image> images = new ArrayList<>();
    for (JsonNode i : n.path("images")) {
      images.add(new Image(base + i.path("file").asText(), null, null, text(i, "caption"), text(i, "credits"),
          i.path("role").asText(), i.path("width").isInt() ? i.path("width").asInt() : null,
          i.path("height").isInt() ? i.path("height").asInt() : null, null, null));
    }
    return new Article(n.path("id").asInt(), n.path("absolute_url").asText(), text(n, "lang"), text(n, "title"),
        text(n, "surtitre"), text(n, "soustitre"), strings(n.path("authors")), text(n, "date"),
        text(n, "date_modif"), issue(text(n, "issue")), text(n, "rubrique"), strings(n.path("rubrique_path")),
        chapo.isEmpty() ? null : chapo, text.isEmpty() ? null : text, text(n, "ps"), notes,
        strings(n.path("keywords")), images, List.of(), List.of(), null, null, null, null, null, null);
  }

  static Issue issue(String title) {
    if (title == null) return null;
    Matcher num = ISSUE_NUMBER.matcher(title);
    Matcher year = YEAR.matcher(title);
    List<Integer> months = new ArrayList<>();
    for (String word : title.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      Integer m = MONTHS.get(word);
      if (m != null) months.add(m);
    }
    return new Issue(title, num.find() ? Integer.valueOf(num.group(1)) : null,
        year.find() ? Integer.valueOf(year.group(1)) : null, months, null);
  }

  /** SPIP markup to plain text; notes {@code [[…]]} are moved to {@code notes}. */
  static String strip(String spip, List<String> notes) {
    Matcher m = NOTE.matcher(spip);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      notes.add(strip(m.group(1), new ArrayList<>()));
      m.appendReplacement(sb, "");
    }
    m.appendTail(sb);
    return sb.toString()
        .replaceAll("<(?:img|doc|emb)\\d+[^>]*>", "")
        .replaceAll("\\[([^\\[\\]]*?)->[^\\]]*\\]", "$1")
        .replaceAll("\\{+|\\}+", "")
        .replaceAll("</?[a-z]+[^>]*>", "")
        .replaceAll("(?m)^-[*#]*\\s*", "")
        .replaceAll("(?m)^_ ", "")
        .replaceAll("(?m)^\\|(.*)\\|\\s*$", "$1")
        .replaceAll("\\|", " ")
        .strip();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
