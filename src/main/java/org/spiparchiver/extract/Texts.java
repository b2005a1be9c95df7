package org.spiparchiver.extract;

import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text out of HTML as the record wants it: entities decoded (jsoup does that), no-break
 * spaces as plain spaces, whitespace collapsed; for long fields, paragraphs separated by a blank
 * line, intertitles as their own paragraphs, list items and {@code <br>} as their own lines.
 */
final class Texts {
  private Texts() {}

  private static final Set<String> BLOCKS = Set.of(
      "p", "div", "section", "article", "aside", "header", "footer", "blockquote", "pre", "figure",
      "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "tr",
      "hr", "address", "main", "nav", "form", "fieldset");
  private static final Set<String> LINES = Set.of("li", "br", "td", "th");
  private static final Set<String> NEVER_TEXT = Set.of("script", "style", "noscript", "template", "img", "svg",
      "input", "button", "select", "textarea", "iframe", "object", "video", "audio");

  /** One-line text of an element: whitespace collapsed, no-break spaces as spaces; null when blank. */
  static String line(Element e) {
    return e == null ? null : blankToNull(clean(e.text()));
  }

  /** A string with every kind of whitespace (incl. no-break U+00A0, U+202F, U+2007) collapsed to one space, trimmed. */
  static String clean(String s) {
    if (s == null) return null;
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = out.length() > 0;
      } else {
        if (space) out.append(' ');
        space = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u202f' || c == '\u2007';
  }

  /**
   * Multi-paragraph text of an element. {@code skip} elements are left out with their content
   * (documents, notes, labels…). SPIP note calls ({@code span.spip_note_ref}) become "[1]" glued to
   * the preceding word, as the page displays them.
   */
  static String paragraphs(Element root, Predicate<Element> skip) {
    if (root == null) return null;
    Builder b = new Builder();
    NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          b.text(t.getWholeText());
        } else if (node instanceof Element e) {
          String tag = e.normalName();
          if (NEVER_TEXT.contains(tag) || (node != root && skip.test(e))) return FilterResult.SKIP_ENTIRELY;
          if (e.hasClass("spip_note_ref")) {
            b.noteCall(e.text());
            return FilterResult.SKIP_ENTIRELY;
          }
          b.open(tag);
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e) b.close(e.normalName());
        return FilterResult.CONTINUE;
      }
    }, root);
    return blankToNull(b.result());
  }

  /** Accumulates text with explicit break markers, then normalises. */
  private static final class Builder {
    private static final char PARA = '\u0001';
    private static final char LINE = '\u0002';
    private final StringBuilder sb = new StringBuilder(4096);

    void text(String s) {
      sb.append(s);
    }

    void open(String tag) {
      if (BLOCKS.contains(tag)) sb.append(PARA);
      else if (LINES.contains(tag)) sb.append(LINE);
    }

    void close(String tag) {
      if (BLOCKS.contains(tag)) sb.append(PARA);
      else if (tag.equals("li")) sb.append(LINE);
    }

    void noteCall(String marker) {
      // Drop the (no-break) space SPIP puts before the call: "l'APPO[1],".
      int end = sb.length();
      while (end > 0 && isSpace(sb.charAt(end - 1))) end--;
      sb.setLength(end);
      sb.append(clean(marker).replace(" ", ""));
    }

    String result() {
      StringBuilder out = new StringBuilder(sb.length());
      int pendingBreak = 0; // 0 none, 1 line, 2 paragraph
      boolean space = false;
      for (int i = 0; i < sb.length(); i++) {
        char c = sb.charAt(i);
        if (c == PARA) {
          pendingBreak = 2;
          space = false;
        } else if (c == LINE) {
          pendingBreak = Math.max(pendingBreak, 1);
          space = false;
        } else if (isSpace(c)) {
          space = true;
        } else {
          if (out.length() > 0) {
            if (pendingBreak == 2) out.append("\n\n");
            else if (pendingBreak == 1) out.append('\n');
            else if (space) out.append(' ');
          }
          pendingBreak = 0;
          space = false;
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
