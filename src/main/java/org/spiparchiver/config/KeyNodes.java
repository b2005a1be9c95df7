package org.spiparchiver.config;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The keys of a configuration file with their own line numbers and scalar values, read with
 * SnakeYAML (the parser under Jackson's YAML module) before the file is mapped, so that a message
 * names the key's line, not where Jackson's parser happened to be; a key given twice is an error.
 */
final class KeyNodes {
  /** A key: its 1-based line, and its value when that is a scalar. */
  record Key(int line, String value) {}

  private KeyNodes() {}

  /** Dotted paths ({@code crawl.delay}, {@code site.extra_hosts[0]}) to their keys; empty when the YAML is not valid (Jackson says why). */
  static Map<String, Key> read(String yaml, String name) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    } catch (YAMLException e) {
      return Map.of();
    }
    Map<String, Key> keys = new HashMap<>();
    if (root != null) walk(root, "", keys, name);
    return keys;
  }

  private static void walk(Node node, String prefix, Map<String, Key> keys, String name) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) continue;
        String path = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
        int line = k.getStartMark().getLine() + 1;
        if (keys.containsKey(path)) {
          throw new ConfigException(name + ":" + line + ": duplicate key '" + path + "' (first given on line "
              + keys.get(path).line() + ")");
        }
        Node v = t.getValueNode();
        keys.put(path, new Key(line, v instanceof ScalarNode sv ? sv.getValue() : null));
        walk(v, path, keys, name);
      }
    } else if (node instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node item = seq.getValue().get(i);
        String path = prefix + "[" + i + "]";
        keys.put(path, new Key(item.getStartMark().getLine() + 1, item instanceof ScalarNode sv ? sv.getValue() : null));
        walk(item, path, keys, name);
      }
    }
  }
}
