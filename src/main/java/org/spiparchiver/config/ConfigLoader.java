package org.spiparchiver.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code config.yaml} into {@link Config}, rejecting unknown keys, wrong types and bad values. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .addModule(new SimpleModule()
          .addDeserializer(Duration.class, new FromString<>(Durations::parse))
          .addDeserializer(Long.class, new SizeDeserializer())
          .addDeserializer(Pattern.class, new FromString<>(Config.Extraction::compile))
          .addDeserializer(Config.SurtitleAuthors.class, new FromString<>(
              s -> Config.SurtitleAuthors.valueOf(s.trim().toUpperCase(Locale.ROOT)))))
      .build();

  private ConfigLoader() {}

  /** Loads {@code file}; a missing file is an error (the caller decides whether defaults apply). */
  public static Config load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  public static Config parse(String yaml, String name) {
    if (yaml.isBlank()) return Config.defaults();
    Map<String, KeyNodes.Key> keys = KeyNodes.read(yaml, name);
    try {
      Config c = YAML.readValue(yaml, Config.class);
      return c == null ? Config.defaults() : c;
    } catch (UnrecognizedPropertyException e) {
      String path = path(e);
      throw new ConfigException(where(name, keys.get(path), e.getLocation()) + "unknown key '" + path + "'");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException bad) {
        throw new ConfigException(where(name, null, bad.getLocation()) + "not valid YAML: " + firstLine(bad.getOriginalMessage()));
      }
      if (rootCause(e) instanceof BadKey bad) throw new ConfigException(clash(name, bad, keys, e.getLocation()));
      String path = path(e);
      throw new ConfigException(where(name, keyOf(e, path, keys), e.getLocation()) + "bad value for '" + path + "': "
          + reason(e, keys.get(path)));
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, null, e.getLocation()) + "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
  }

  /** A check across keys: the line of the key at fault, and of the one it clashes with. */
  private static String clash(String name, BadKey bad, Map<String, KeyNodes.Key> keys, JsonLocation loc) {
    KeyNodes.Key first = bad.first == null ? null : keys.get(bad.first);
    return where(name, keys.get(bad.key), loc) + "bad value for '" + bad.key + "': " + bad.getMessage()
        + (first == null ? "" : " (" + bad.first + " on line " + first.line() + ")");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root;
  }

  /**
   * The key a mapping error is about. A section's own check ("max_tries must be at least 1") names
   * one of its keys first: that key's line; when it names none, Jackson's location.
   */
  private static KeyNodes.Key keyOf(JsonMappingException e, String path, Map<String, KeyNodes.Key> keys) {
    Throwable root = rootCause(e);
    if (root instanceof IllegalArgumentException && root.getMessage() != null && !(e.getProcessor() == null)
        && keys.get(path) != null && keys.get(path).value() == null) {
      String word = root.getMessage().split(" ", 2)[0];
      KeyNodes.Key named = keys.get(path + "." + word);
      // a required key left out ("url is required"): the section's own line
      return named == null && word.matches("[a-z_]+") ? keys.get(path) : named;
    }
    return keys.get(path);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** The key's own line when the YAML was read; else Jackson's location (which may be past the key). */
  private static String where(String name, KeyNodes.Key key, JsonLocation loc) {
    if (key != null) return name + ":" + key.line() + ": ";
    return loc == null || loc.getLineNr() < 1 ? name + ": " : name + ":" + loc.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  /** What was expected, in words; never a Java or library class name. */
  private static String reason(JsonMappingException e, KeyNodes.Key key) {
    Throwable root = rootCause(e);
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      String msg = root.getMessage();
      if (msg.startsWith("No enum constant")) return "expected one of auto, always, never";
      return msg;
    }
    String got = key == null || key.value() == null ? "" : ", got '" + Messages.shorten(key.value()) + "'";
    if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      Class<?> t = mi.getTargetType();
      if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "expected a whole number" + got;
      if (t == Boolean.class || t == boolean.class) return "expected true or false" + got;
      if (t == String.class) return "expected a single value" + got;
      if (java.util.Collection.class.isAssignableFrom(t)) return "expected a list" + got;
      if (t.isRecord()) return "expected a section of keys" + got;
    }
    String msg = e.getOriginalMessage();
    if (msg != null && msg.startsWith("expected ")) return firstLine(msg);
    return "wrong type of value" + got;
  }

  /** A value written as a YAML scalar string and converted by a parser that throws IllegalArgumentException. */
  private static final class FromString<T> extends JsonDeserializer<T> {
    private final java.util.function.Function<String, T> parser;

    FromString(java.util.function.Function<String, T> parser) {
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return ctx.reportInputMismatch(this, "expected a single value");
      }
      String text = p.getValueAsString();
      return convert(p, () -> parser.apply(text));
    }
  }

  /** Runs a conversion, keeping the parser's location in the error so the message names the line. */
  private static <T> T convert(JsonParser p, java.util.function.Supplier<T> conversion) throws JsonMappingException {
    try {
      return conversion.get();
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
  }

  /** Sizes accept plain numbers (bytes) or {@code 20MB}. */
  private static final class SizeDeserializer extends JsonDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken().isNumeric()) return p.getLongValue();
      if (!p.currentToken().isScalarValue()) return ctx.reportInputMismatch(this, "expected a size such as 20MB");
      String text = p.getValueAsString();
      return convert(p, () -> ByteSizes.parse(text));
    }
  }
}
