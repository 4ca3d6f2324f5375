package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pip {@code requirements*.txt}: {@code name==version} pins are exact; {@code >=} and {@code ~=}
 * give a lower-confidence lowest version; anything else is reported as not checked. Files named
 * {@code *dev*} or {@code *test*} hold development dependencies. Included files ({@code -r}) are
 * scanned on their own when they are in the project.
 */
final class RequirementsParser implements LockfileParser {

  private static final Pattern REQUIREMENT =
      Pattern.compile(
          "^([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^]]*])?\\s*(===|==|>=|~=)\\s*([^\\s;,#]+)(.*)$");

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean dev = fileName.contains("dev") || fileName.contains("test");
    var result = new ArrayList<Dependency>();
    var warnings = new ArrayList<String>();
    String text = Formats.read(file).replace("\\\r\n", " ").replace("\\\n", " ");
    int lineNumber = 0;
    for (String raw : text.split("\n")) {
      lineNumber++;
      String line = raw.replaceAll("(^|\\s)#.*$", "").strip();
      if (line.isEmpty() || line.startsWith("-") || line.contains("://")) {
        continue;
      }
      Matcher m = REQUIREMENT.matcher(line);
      if (!m.matches()) {
        warnings.add(
            relative + ": line " + lineNumber + " \"" + line + "\" pins no version; not checked");
        continue;
      }
      String name = Formats.pypiName(m.group(1));
      boolean exact = m.group(2).startsWith("==") && !m.group(3).contains("*");
      String version = m.group(3).replace(".*", "");
      if (!exact && !m.group(2).startsWith("==")) {
        warnings.add(
            relative
                + ": "
                + name
                + " "
                + m.group(2)
                + version
                + " is a range; checked at its lowest version (lower confidence)");
      }
      result.add(
          new Dependency(
              "PyPI", name, version, dev, List.of(name + "@" + version), exact, relative));
    }
    return new ParsedLockfile(result, warnings);
  }
}
