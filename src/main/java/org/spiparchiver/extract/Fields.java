package org.spiparchiver.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * What one reading of an article page found, before the record is assembled: the elements that
 * hold the article's parts, and the values read from elements (dates, breadcrumb). Filled by the
 * precise template rules ({@link TemplateFields}), completed by the generic layer
 * ({@link GenericFields}); null where nothing was found.
 */
final class Fields {
  /** One link of the breadcrumb: a rubrique's title and id. */
  record Crumb(String title, int rubriqueId) {}

  Element title;
  /** The title when no element holds it (from {@code og:title} or {@code <title>}). */
  String titleText;
  Element surtitle;
  Element subtitle;
  List<Crumb> crumbs = List.of();
  List<Element> authors = List.of();
  String published;
  String modified;
  Element chapo;
  Element text;
  Element notes;
  Element ps;
  Element logo;
  List<Element> keywords = List.of();
  List<Element> translations = List.of();
  /** Portfolio and attached-files boxes listed after the text. */
  List<Element> documentLists = List.of();
  /** Links to the portfolio's and attached files, when no box holds them (the generic layer). */
  List<Element> documentLinks = List.of();
  /** Elements left out of the text besides chapo, notes and PS (listings and forms inside the main block). */
  final List<Element> notText = new ArrayList<>();
}
