package org.spiparchiver.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spiparchiver.mirror.ArticleDiff;
import org.spiparchiver.mirror.ArticleRecords;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Json;
import org.spiparchiver.serve.Views.Capture;
import org.spiparchiver.serve.Views.FieldChange;
import org.spiparchiver.serve.Views.Segment;

/**
 * The captures of an article ({@code articles/<id>/<captured_at>.json} and the current record) and
 * the changed fields between two of them, text compared paragraph by paragraph.
 */
final class HistoryPages {
  /** Paragraphs compared per field: the table of a longer diff would not fit in memory bounds. */
  private static final int MAX_PARAGRAPHS = 2_000;

  HistoryPages() {}

  /**
   * The history of {@code current}; {@code from}/{@code to} are capture numbers (1 = oldest), by
   * default the last two.
   */
  Views.History view(Article current, ArticleRecords records, String linkSite, Integer from, Integer to) throws IOException {
    List<Path> older = records.history(current.id());
    List<Article> versions = new ArrayList<>();
    for (Path p : older) versions.add(Json.mapper().readValue(p.toFile(), Article.class));
    versions.add(current);
    String base = ArticlePages.articleUrl(current.id(), linkSite) + "/history";
    int n = versions.size();
    int b = to == null ? n : Math.max(1, Math.min(n, to));
    int a = from == null ? Math.max(1, b - 1) : Math.max(1, Math.min(n, from));
    List<Capture> captures = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Article v = versions.get(i - 1);
      String label = v.capturedAt() == null ? "capture " + i : v.capturedAt();
      captures.add(new Capture(v.capturedAt(), label, base + "?from=" + Math.max(1, i - 1) + "&to=" + i, i == n));
    }
    List<FieldChange> changes = new ArrayList<>();
    if (a != b) {
      Article before = versions.get(a - 1);
      Article after = versions.get(b - 1);
      JsonNode x = Json.mapper().valueToTree(before);
      JsonNode y = Json.mapper().valueToTree(after);
      for (String field : ArticleDiff.changedFields(before, after)) {
        changes.add(change(field, render(x.get(field)), render(y.get(field))));
      }
    }
    return new Views.History(current.id(), current.title() == null ? "(untitled)" : current.title(),
        ArticlePages.articleUrl(current.id(), linkSite), current.removedAt(), captures, captures.get(a - 1), captures.get(b - 1),
        changes);
  }

  private static String render(JsonNode v) {
    if (v == null || v.isNull()) return "";
    if (v.isTextual()) return v.asText();
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(e -> items.add(e.isTextual() ? e.asText() : e.toString()));
      return String.join("\n\n", items);
    }
    return v.toString();
  }

  /** Paragraphs only in {@code before} are marked in it, those only in {@code after} in it (longest common subsequence). */
  static FieldChange change(String field, String before, String after) {
    String[] x = paragraphs(before);
    String[] y = paragraphs(after);
    if (x.length > MAX_PARAGRAPHS || y.length > MAX_PARAGRAPHS) {
      return new FieldChange(field, List.of(new Segment(before, true)), List.of(new Segment(after, true)));
    }
    int[][] lcs = new int[x.length + 1][y.length + 1];
    for (int i = x.length - 1; i >= 0; i--) {
      for (int j = y.length - 1; j >= 0; j--) {
        lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    boolean[] keptX = new boolean[x.length];
    boolean[] keptY = new boolean[y.length];
    for (int i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i].equals(y[j])) {
        keptX[i++] = true;
        keptY[j++] = true;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return new FieldChange(field, segments(x, keptX), segments(y, keptY));
  }

  private static String[] paragraphs(String s) {
    return s.isBlank() ? new String[0] : Arrays.stream(s.strip().split("\\n\\s*\\n")).map(String::strip).toArray(String[]::new);
  }

  private static List<Segment> segments(String[] paras, boolean[] kept) {
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < paras.length; i++) out.add(new Segment(paras[i], !kept[i]));
    return out;
  }
}
