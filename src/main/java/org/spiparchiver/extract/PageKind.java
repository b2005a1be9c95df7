package org.spiparchiver.extract;

/** What a SPIP page is, as far as the extractor can tell from the page itself. */
public enum PageKind { ARTICLE, RUBRIQUE, HOME, NOT_FOUND, OTHER,
  /** Beyond the parse limits of {@link org.spiparchiver.mirror.HtmlPages}: archived as fetched, not extracted. */
  TOO_COMPLEX }
