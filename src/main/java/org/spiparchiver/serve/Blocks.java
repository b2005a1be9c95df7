package org.spiparchiver.serve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spiparchiver.serve.Views.Block;
import org.spiparchiver.serve.Views.Inline;

/**
 * The plain text of a record ({@code chapo}, {@code text}, {@code ps}, notes: paragraphs apart, note
 * calls kept as {@code [1]}) as paragraphs for the reading view. The record keeps intertitles as
 * paragraphs of their own; one short line without closing punctuation reads as an intertitle.
 */
final class Blocks {
  /** Longer than this, a one-line paragraph is text, not an intertitle. */
  private static final int HEADING_MAX = 90;
  private static final Pattern CALL = Pattern.compile("\\[(\\d{1,3})\\]");
  private static final Pattern SENTENCE_END = Pattern.compile(".*[.,;:!?…»\"'”)]$");

  private Blocks() {}

  /** Paragraphs of a text; note calls up to {@code notes} link to their notes, the first of each with an anchor. */
  static List<Block> of(String text, int notes, Set<Integer> called) {
    if (text == null || text.isBlank()) return List.of();
    String[] paras = text.strip().split("\\n\\s*\\n");
    List<Block> out = new ArrayList<>();
    for (String p : paras) {
      String para = p.strip();
      boolean heading = paras.length > 1 && !para.contains("\n") && para.length() <= HEADING_MAX
          && !SENTENCE_END.matcher(para).matches() && !CALL.matcher(para).find();
      out.add(new Block(heading, inlines(para, notes, called)));
    }
    return out;
  }

  static List<Block> of(String text) {
    return of(text, 0, new HashSet<>());
  }

  private static List<Inline> inlines(String para, int notes, Set<Integer> called) {
    List<Inline> parts = new ArrayList<>();
    Matcher m = CALL.matcher(para);
    int at = 0;
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n < 1 || n > notes) continue;
      if (m.start() > at) parts.add(new Inline(para.substring(at, m.start()), 0, null));
      parts.add(new Inline("[" + n + "]", n, called.add(n) ? "call-" + n : null));
      at = m.end();
    }
    if (at < para.length()) parts.add(new Inline(para.substring(at), 0, null));
    return parts;
  }
}
