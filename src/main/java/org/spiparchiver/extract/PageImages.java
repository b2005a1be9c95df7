package org.spiparchiver.extract;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.spiparchiver.model.Attachment;
import org.spiparchiver.model.Image;

/** The images and documents of an article: logo, images and files of the text, portfolio and attached files. */
final class PageImages {
  static final Evaluator DOCUMENT_BLOCK = QueryParser.parse(
      ".spip_documents, .spip_document, dl.spip_documents, figure.spip_doc_inner");
  private static final Evaluator DOC_TITLE = QueryParser.parse(".spip_doc_titre");
  private static final Evaluator DOC_DESCRIPTION = QueryParser.parse(".spip_doc_descriptif");
  private static final Evaluator DOC_CREDITS = QueryParser.parse(".spip_doc_credits");
  private static final Evaluator LINK_TITLE = QueryParser.parse(".titre, .spip_doc_titre");
  private static final Evaluator ITEM_TITLE = QueryParser.parse(".titre-doc, .spip_doc_titre");
  private static final Evaluator ITEM_DESCRIPTION = QueryParser.parse(".descriptif, .descriptif-doc, .spip_doc_descriptif");
  private static final Evaluator NOTES_BOX = QueryParser.parse("#notes, .notes");
  private static final Evaluator DOC_ITEM = QueryParser.parse("li, dt, dd, td");
  private static final Evaluator IMG = QueryParser.parse("img[src]");
  static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "bmp", "tif", "tiff");

  private final URI base;

  PageImages(URI base) {
    this.base = base;
  }

  Image logo(Element img) {
    return img == null || !img.hasAttr("src") ? null : image(img, Image.LOGO, null, null, null);
  }

  /**
   * The images of the text, and the files it embeds as documents: a document model whose link
   * goes to a file that is not an image (a PDF shown as an icon) is an attachment.
   * {@code notes} is the notes block, whose images are not the text's.
   */
  void textDocuments(Element textRoot, Element notes, List<Image> images, List<Attachment> attachments) {
    for (Element img : textRoot.select(IMG)) {
      if (img.closest(NOTES_BOX) != null || (notes != null && notes != textRoot && isInside(img, notes))) continue;
      Element block = img.closest(DOCUMENT_BLOCK);
      // The outermost document block holds the caption (SPIP 4: div > figure > figcaption).
      while (block != null && block.parent() != null && block.parent().closest(DOCUMENT_BLOCK) != null) {
        block = block.parent().closest(DOCUMENT_BLOCK);
      }
      String title = block == null ? null : Texts.line(block.selectFirst(DOC_TITLE));
      Element a = img.closest(PageUrls.LINKS);
      URI file = a == null ? null : PageUrls.link(base, a, "href");
      String ext = file == null ? null : PageUrls.extension(file.toString());
      if (block != null && file != null && ext != null && !IMAGE_EXTENSIONS.contains(ext) && file.getRawPath() != null
          && file.getRawPath().contains("/IMG/")) {
        attachments.add(new Attachment(file.toString(), title != null ? title : Texts.blankToNull(Texts.clean(a.attr("title"))), ext));
        continue;
      }
      if (img.hasClass("spip_document_icone")) continue;
      images.add(image(img, Image.INLINE, title,
          block == null ? null : Texts.line(block.selectFirst(DOC_DESCRIPTION)),
          block == null ? null : Texts.line(block.selectFirst(DOC_CREDITS))));
    }
  }

  private static boolean isInside(Element e, Element ancestor) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) return true;
    }
    return false;
  }

  /** The portfolio and the attached files listed after the text. */
  void documents(List<Element> boxes, List<Image> images, List<Attachment> attachments) {
    List<Element> links = new java.util.ArrayList<>();
    for (Element box : boxes) links.addAll(box.select(PageUrls.LINKS));
    documentLinks(links, images, attachments);
  }

  /** The portfolio images and attached files among these links (to files of the site). */
  void documentLinks(List<Element> links, List<Image> images, List<Attachment> attachments) {
    Set<String> seen = new LinkedHashSet<>();
    attachments.forEach(d -> seen.add(d.url())); // also embedded in the text
    {
      for (Element a : links) {
        URI resolved = PageUrls.link(base, a, "href");
        if (resolved == null) continue;
        String url = resolved.toString();
        if (!seen.add(url)) continue;
        Element item = a.closest(DOC_ITEM);
        String title = docTitle(a, item);
        Element img = a.selectFirst(IMG);
        if (isImageLink(a, url) && img != null) {
          images.add(image(img, Image.PORTFOLIO, title, docDescription(a, item), null));
        } else if (!a.attr("href").startsWith("#") && !a.attr("href").startsWith("javascript:")) {
          attachments.add(new Attachment(url, title, PageUrls.extension(url)));
        }
      }
    }
  }

  private static String docTitle(Element a, Element item) {
    Element titled = a.selectFirst(LINK_TITLE);
    if (titled == null && item != null && item.parent() != null) titled = item.parent().selectFirst(ITEM_TITLE);
    if (titled != null) return Texts.line(titled);
    Element img = a.selectFirst(IMG);
    if (img != null && !img.attr("alt").isBlank()) return Texts.clean(img.attr("alt"));
    String title = Texts.clean(a.attr("title"));
    return Texts.blankToNull(title);
  }

  private static String docDescription(Element a, Element item) {
    Element scope = item != null && item.parent() != null ? item.parent() : a;
    return Texts.line(scope.selectFirst(ITEM_DESCRIPTION));
  }

  private static boolean isImageLink(Element a, String url) {
    String type = a.attr("type");
    return type.startsWith("image/") || IMAGE_EXTENSIONS.contains(PageUrls.extension(url));
  }

  private Image image(Element img, String role, String title, String caption, String credits) {
    URI src = PageUrls.link(base, img, "src");
    Element link = img.closest(PageUrls.LINKS);
    URI linked = link == null ? null : PageUrls.link(base, link, "href");
    String original = src == null ? null
        : ImageOriginals.original(src, linked, Image.LOGO.equals(role)).map(URI::toString).orElse(null);
    return new Image(src == null ? img.attr("src") : src.toString(), original, title, caption, credits, role,
        PageUrls.intAttr(img, "width"), PageUrls.intAttr(img, "height"), null, null);
  }
}
