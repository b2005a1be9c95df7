package org.spiparchiver.extract;

import java.net.URI;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;

/** What a page that is not an article is: from the body's page class, its title and its URL. */
final class PageKinds {
  private PageKinds() {}

  private static final Pattern PAGE_CLASS = Pattern.compile("page[_-]([a-z0-9_-]+)");
  private static final Pattern NOT_FOUND_TITLE = Pattern.compile("\\b404\\b|introuvable|not found", Pattern.CASE_INSENSITIVE);
  // "Title - Site name" / "Title - [Site name]": the part after the last " - " is the site.
  private static final Pattern TITLE_SITE_SUFFIX = Pattern.compile("\\s+-\\s+[^-]+$");

  /** SPIP's templates mark the body with the page type: {@code page_article}, {@code page-rubrique}. */
  static String pageType(Set<String> bodyClasses) {
    for (String c : bodyClasses) {
      Matcher m = PAGE_CLASS.matcher(c);
      if (m.matches()) return m.group(1);
    }
    return null;
  }

  static PageResult other(Document doc, String pageType, URI pageUrl) {
    String title = pageTitle(doc);
    String suffix = title == null ? "" : ": " + title;
    if (pageType == null) {
      if (title != null && NOT_FOUND_TITLE.matcher(title).find()) return new PageResult.OtherPage(PageKind.NOT_FOUND, "a 404 (not found) page" + suffix);
      if (SpipUrls.rubriqueId(pageUrl).isPresent()) return new PageResult.OtherPage(PageKind.RUBRIQUE, "a rubrique page" + suffix);
      return new PageResult.OtherPage(PageKind.OTHER, "a page that is not a SPIP article" + suffix);
    }
    return switch (pageType) {
      case "rubrique" -> new PageResult.OtherPage(PageKind.RUBRIQUE, "a rubrique page" + suffix);
      case "sommaire" -> new PageResult.OtherPage(PageKind.HOME, "the home page" + suffix);
      case "404" -> new PageResult.OtherPage(PageKind.NOT_FOUND, "a 404 (not found) page" + suffix);
      default -> new PageResult.OtherPage(PageKind.OTHER, "a " + pageType + " page" + suffix);
    };
  }

  /** {@code <title>} without its " - Site name" suffix, or null. */
  static String pageTitle(Document doc) {
    String t = Texts.clean(doc.title());
    if (t == null || t.isEmpty()) return null;
    String stripped = TITLE_SITE_SUFFIX.matcher(t).replaceFirst("");
    return stripped.isEmpty() ? t : stripped;
  }
}
