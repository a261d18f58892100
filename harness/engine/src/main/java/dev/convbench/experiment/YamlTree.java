package dev.convbench.experiment;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Safe reading of an experiment file into SnakeYAML's node tree, plus the small helpers the readers need.
 *
 * <p>The file is only <em>composed</em> (text → nodes), never constructed into Java objects, so no tag can
 * instantiate a class; global tags are refused by SnakeYAML, every other non-standard tag by {@link #compose}. Every
 * node keeps its {@link Mark}, which is how problems get their line and column. Limits guard against hostile input:
 * 1 MiB of text, at most {@value #MAX_COLLECTION_ALIASES} aliases to lists or mappings (an "alias bomb" needs many),
 * no recursive keys, nesting at most 50 deep. Merge keys ({@code <<}) are resolved here rather than by SnakeYAML,
 * whose merging never ends on a mapping that merges itself.
 *
 * <p>Aliases make the tree a graph that may even be cyclic ({@code &a [*a]}): code walking it must either follow
 * the schema (whose depth is fixed) or remember the nodes it has seen, as {@link #compose} does.
 */
final class YamlTree {

  static final int MAX_CODE_POINTS = 1024 * 1024;

  /**
   * The problem of a file over the limit, whichever check finds it: a file with more than {@link #MAX_CODE_POINTS}
   * characters, or more than 4 bytes per allowed character, is larger than that many bytes too.
   */
  static final String TOO_LARGE = "the file is larger than " + MAX_CODE_POINTS / (1024 * 1024)
      + " MiB; experiment files are small";
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Tags of plain data; anything else (!!binary, !!set, !local, ...) has no place in an experiment file. */
  private static final Set<Tag> PLAIN_DATA = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
      Tag.SEQ, Tag.MAP, Tag.MERGE);

  private static final String GLOBAL_TAG_REFUSED = "Global tag is not allowed: ";

  /** A key and its value in a mapping. */
  record Entry(String key, Node keyNode, Node value) {
  }

  private YamlTree() {
  }

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false); // enforced by entries(): composing alone does not look for duplicates
    // Merge keys are resolved by entries(): SnakeYAML's own merging loops forever on {&m {<<: *m}}.
    options.setMergeOnCompose(false);
    return options;
  }

  /**
   * Composes the text into a node tree.
   *
   * @return the root node; empty when the document is empty or a problem was recorded
   */
  static Optional<Node> compose(String text, Problems problems) {
    if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      problems.wholeFile(TOO_LARGE);
      return Optional.empty();
    }
    Yaml yaml = new Yaml(new SafeConstructor(loaderOptions()));
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      problems.at(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), syntaxMessage(e));
      return Optional.empty();
    } catch (YAMLException e) {
      // Limits are enforced without a position; find it again with a cheap scan of the events.
      problems.at(locateLimitViolation(text), limitMessage(e));
      return Optional.empty();
    }
    if (root == null) {
      return Optional.empty();
    }
    int before = problems.count();
    rejectForeignTags(root, problems);
    return problems.count() == before ? Optional.of(root) : Optional.empty();
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem()).strip();
    if (problem.startsWith(GLOBAL_TAG_REFUSED)) {
      return foreignTagMessage(problem.substring(GLOBAL_TAG_REFUSED.length()));
    }
    if (problem.contains("another document")) {
      return "a second YAML document starts here ('---'); an experiment file holds one document";
    }
    StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
    if (e.getContext() != null) {
      message.append(" (").append(e.getContext().strip());
      Mark context = e.getContextMark();
      if (context != null && context != e.getProblemMark()) {
        message.append(" that starts at line ").append(context.getLine() + 1)
            .append(", column ").append(context.getColumn() + 1);
      }
      message.append(')');
    }
    return message.toString();
  }

  private static String limitMessage(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("aliases")) {
      return "more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings: refused, as that is how "
          + "\"billion laughs\" alias bombs blow up a small file; write the values out instead";
    }
    if (message.toLowerCase(java.util.Locale.ROOT).contains("nesting depth")) {
      return "the document is nested too deeply";
    }
    if (message.toLowerCase(java.util.Locale.ROOT).contains("recursive key")) {
      return "a mapping key refers to itself (recursive alias)";
    }
    return "cannot read the YAML: " + message;
  }

  /**
   * Where the composer gave up because of a limit: the first alias to a collection over the limit, or the first
   * collection nested too deeply, else the last event read.
   */
  private static Mark locateLimitViolation(String text) {
    LoaderOptions options = loaderOptions();
    Set<String> collectionAnchors = new HashSet<>();
    int collectionAliases = 0;
    int depth = 0;
    Mark last = null;
    try {
      for (Event event : new Yaml(new SafeConstructor(options)).parse(new StringReader(text))) {
        last = event.getStartMark();
        if (event instanceof CollectionStartEvent start) {
          if (start.getAnchor() != null) {
            collectionAnchors.add(start.getAnchor());
          }
          if (++depth > options.getNestingDepthLimit()) {
            return last;
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAnchor())
            && ++collectionAliases > MAX_COLLECTION_ALIASES) {
          return last;
        }
      }
    } catch (YAMLException e) {
      return last; // the parser enforces some limits itself: the last event read is as close as we get
    }
    return last;
  }

  private static void rejectForeignTags(Node root, Problems problems) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      Node node = todo.pop();
      if (!seen.add(node)) {
        continue; // aliases share nodes and may form cycles
      }
      if (!PLAIN_DATA.contains(node.getTag())) {
        problems.at(node, foreignTagMessage(node.getTag().getValue()));
      }
      if (node instanceof MappingNode mapping) {
        mapping.getValue().forEach(t -> {
          todo.push(t.getValueNode());
          todo.push(t.getKeyNode());
        });
      } else if (node instanceof SequenceNode sequence) {
        sequence.getValue().forEach(todo::push);
      }
    }
  }

  private static String foreignTagMessage(String tag) {
    String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    return "tag '" + shown + "' is not allowed: experiment files hold plain data only "
        + "(strings, numbers, booleans, lists, mappings)";
  }

  /**
   * The entries of a mapping: its own keys in file order, then keys merged in with {@code <<: *anchor} (or
   * {@code <<: [*a, *b]}) that it does not set itself; among merged mappings the first one wins. Keys must be
   * scalars and unique within their mapping (later duplicates are reported and ignored).
   */
  static List<Entry> entries(MappingNode mapping, Problems problems) {
    List<Entry> entries = new ArrayList<>();
    Set<Node> merged = Collections.newSetFromMap(new IdentityHashMap<>());
    merged.add(mapping);
    collect(mapping, entries, new HashSet<>(), merged, problems);
    return entries;
  }

  /**
   * @param taken keys already set by the mapping being read or by an earlier merge
   * @param merged mappings already collected: visiting each once stops merge cycles, and keeps chains of merges
   *     linear (a mapping merged twice could not contribute anything the second time)
   */
  private static void collect(MappingNode mapping, List<Entry> entries, Set<String> taken, Set<Node> merged,
      Problems problems) {
    List<Node> merges = new ArrayList<>();
    Set<String> own = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (Tag.MERGE.equals(keyNode.getTag())) {
        merges.add(tuple.getValueNode());
        continue;
      }
      if (!(keyNode instanceof ScalarNode scalar)) {
        problems.at(keyNode, "keys must be plain names, got " + describe(keyNode));
        continue;
      }
      String key = scalar.getValue();
      if (!own.add(key)) {
        problems.at(keyNode, "duplicate key '" + key + "'");
      } else if (taken.add(key)) {
        entries.add(new Entry(key, keyNode, tuple.getValueNode()));
      }
    }
    for (Node merge : merges) {
      for (Node source : merge instanceof SequenceNode sequence ? sequence.getValue() : List.of(merge)) {
        if (!(source instanceof MappingNode sourceMapping)) {
          problems.at(source, "'<<' merges mappings into a mapping, got " + describe(source));
        } else if (merged.add(sourceMapping)) {
          collect(sourceMapping, entries, taken, merged, problems);
        }
      }
    }
  }

  /** Whether the node is an empty value ({@code key:}, {@code ~}, {@code null}). */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** How a value appears in messages: {@code 'text'}, {@code a list}, {@code a mapping} or {@code nothing}. */
  static String describe(Node node) {
    if (isNull(node)) {
      return "nothing";
    }
    if (node instanceof ScalarNode scalar) {
      String text = scalar.getValue();
      return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }
    return node instanceof SequenceNode ? "a list" : "a mapping";
  }
}
