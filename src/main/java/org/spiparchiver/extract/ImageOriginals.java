package org.spiparchiver.extract;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovers the original uploaded file behind an image that SPIP displays resized.
 *
 * <p>SPIP stores uploads under {@code IMG/<ext>/name.ext} (documents) and, from SPIP 4,
 * {@code IMG/logo/name.ext} (logos); older logos are {@code IMG/arton839.jpg}. A resized copy is
 * {@code local/cache-vignettes/L400xH263/name-59be5.jpg}: the name plus a 5-hex-digit hash.
 * Copies under {@code local/cache-gd2/} are named by hash only and cannot be mapped back.
 */
public final class ImageOriginals {
  private ImageOriginals() {}

  private static final Pattern VIGNETTE =
      Pattern.compile("(?:^|/)local/cache-vignettes/L\\d+xH\\d+/(?<name>[^/?#]+?)(?:-[0-9a-f]{5})?\\.(?<ext>[A-Za-z0-9]{2,5})(?:[?#].*)?$");
  private static final Pattern IMG_FILE = Pattern.compile("(?:^|/)IMG/[^?#]+\\.[A-Za-z0-9]{2,5}(?:[?#].*)?$");
  // SPIP <= 3 logos: arton839.jpg, rubon12.png, auton3.gif, siteon0.png, moton7.jpg, breveon2.jpg
  private static final Pattern OLD_LOGO = Pattern.compile("(?:art|rub|aut|site|mot|breve|syndic)(?:on|off)\\d+");

  /**
   * The original of a displayed image.
   *
   * @param displayed absolute URL of the displayed copy
   * @param linked absolute URL of the link around the image, or null
   * @param logo whether the image is a logo (they live in {@code IMG/logo/} from SPIP 4)
   */
  public static Optional<URI> original(URI displayed, URI linked, boolean logo) {
    if (linked != null && IMG_FILE.matcher(linked.getRawPath() == null ? "" : linked.getRawPath()).find()) {
      return Optional.of(withoutQuery(linked));
    }
    String path = displayed.getRawPath();
    if (path == null) return Optional.empty();
    if (IMG_FILE.matcher(path).find()) return Optional.of(withoutQuery(displayed));
    Matcher m = VIGNETTE.matcher(path);
    if (!m.find()) return Optional.empty();
    String name = m.group("name");
    String ext = m.group("ext").toLowerCase(Locale.ROOT);
    String root = path.substring(0, m.start() + (path.charAt(m.start()) == '/' ? 1 : 0));
    String dir;
    if (OLD_LOGO.matcher(name).matches()) dir = "IMG/";
    else if (logo) dir = "IMG/logo/";
    else dir = "IMG/" + (ext.equals("jpeg") ? "jpg" : ext) + "/";
    return Optional.of(displayed.resolve(root + dir + name + "." + ext));
  }

  private static URI withoutQuery(URI u) {
    try {
      return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath(), null, null);
    } catch (java.net.URISyntaxException e) {
      return u;
    }
  }
}
