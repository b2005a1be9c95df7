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
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code config.yaml} into {@link Config}, rejecting unknown keys, wrong types and bad values. */
public final class ConfigLoader {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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
    try {
      Config c = YAML.readValue(yaml, Config.class);
      return c == null ? Config.defaults() : c;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(where(name, e.getLocation()) + "unknown key '" + path(e) + "'");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException bad) {
        throw new ConfigException(where(name, bad.getLocation()) + "not valid YAML: " + firstLine(bad.getOriginalMessage()));
      }
      throw new ConfigException(where(name, e.getLocation()) + "bad value for '" + path(e) + "': " + reason(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, e.getLocation()) + "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String where(String name, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? name + ": " : name + ":" + loc.getLineNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String reason(JsonMappingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      String msg = root.getMessage();
      if (msg.startsWith("No enum constant")) return "expected one of auto, always, never";
      return msg;
    }
    String msg = e.getOriginalMessage();
    if (msg.startsWith("Cannot deserialize value of type")) {
      return "wrong type (" + msg.replaceFirst("^Cannot deserialize value of type `([^`]*)`.*", "expected $1").replace("java.lang.", "") + ")";
    }
    return msg.lines().findFirst().orElse(msg);
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
