import com.architectreviewer.review.js.JsModule;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.treesitter.TSParser;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterTypescript;

/**
 * Parses the same TypeScript files with the engine's front end (lexer + scopes + imports/exports)
 * and with tree-sitter (parse + a full cursor walk, the least a tree-sitter front end must do),
 * single-threaded, and prints files/s by thread CPU time (robust on a loaded machine) and wall time.
 * Run through bench/parsing/run.sh.
 */
public class ParserBench {

  public static void main(String[] args) throws Exception {
    var root = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Path> paths;
    try (var walk = Files.walk(root)) {
      paths = walk.filter(p -> p.toString().endsWith(".ts")).sorted().toList();
    }
    var sources = new ArrayList<String>();
    long bytes = 0;
    for (var p : paths) {
      var text = Files.readString(p);
      sources.add(text);
      bytes += text.length();
    }
    System.out.printf(Locale.ROOT, "files: %d TypeScript files, %.1f MB%n", sources.size(), bytes / 1e6);
    var parser = new TSParser();
    parser.setLanguage(new TreeSitterTypescript());
    for (int round = 0; round < rounds; round++) {
      measure("engine front end (JsModule.parse)", sources, bytes, text -> JsModule.parse("f.ts", text).calls().size());
      measure("tree-sitter parse + walk", sources, bytes, text -> {
        var tree = parser.parseString(null, text);
        var cursor = new TSTreeCursor(tree.getRootNode());
        int nodes = 0;
        boolean more = true;
        while (more) {
          nodes++;
          if (cursor.gotoFirstChild()) {
            continue;
          }
          while (!cursor.gotoNextSibling()) {
            if (!cursor.gotoParent()) {
              more = false;
              break;
            }
          }
        }
        cursor.close();
        return nodes;
      });
    }
  }

  interface Work {
    int run(String text);
  }

  static void measure(String name, List<String> sources, long bytes, Work work) {
    var threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long sink = 0;
    for (var s : sources) {
      sink += work.run(s);
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-36s cpu %.2f s -> %,.0f files/cpu-s (%.1f MB/cpu-s); wall %.2f s (checksum %d)%n",
        name, cpu, sources.size() / cpu, bytes / 1e6 / cpu, wall, sink);
  }
}
