package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A Maven {@code pom.xml}: its direct dependencies, with {@code ${property}} references resolved
 * from {@code <properties>}, {@code project.version} and the parent's version, and versions taken
 * from {@code <dependencyManagement>} when the dependency names none. {@code test} scope is
 * development. DOCTYPEs are refused (no external entities).
 */
final class MavenPomParser implements LockfileParser {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    Document pom;
    try {
      pom = parseXml(Formats.read(file));
    } catch (SAXException | ParserConfigurationException e) {
      return new ParsedLockfile(
          List.of(),
          List.of(relative + ": not a readable pom.xml, skipped (" + e.getMessage() + ")"));
    }
    Element project = pom.getDocumentElement();
    Map<String, String> properties = properties(project);
    var managed = new HashMap<String, String>();
    Element management = child(project, "dependencyManagement");
    for (Element dep : dependencies(management)) {
      String version = text(dep, "version");
      if (version != null) {
        managed.put(text(dep, "groupId") + ":" + text(dep, "artifactId"), version);
      }
    }
    var result = new ArrayList<Dependency>();
    var warnings = new ArrayList<String>();
    for (Element dep : dependencies(project)) {
      String name =
          resolve(text(dep, "groupId"), properties)
              + ":"
              + resolve(text(dep, "artifactId"), properties);
      String version = text(dep, "version");
      if (version == null) {
        version = managed.get(text(dep, "groupId") + ":" + text(dep, "artifactId"));
      }
      if (version == null) {
        warnings.add(
            relative
                + ": "
                + name
                + " has its version managed outside this pom (parent or BOM); not checked");
        continue;
      }
      String resolved = resolve(version, properties);
      if (resolved.contains("${") || resolved.startsWith("[") || resolved.startsWith("(")) {
        warnings.add(
            relative
                + ": "
                + name
                + " version \""
                + version
                + "\" cannot be resolved; not checked");
        continue;
      }
      boolean dev = "test".equals(text(dep, "scope"));
      result.add(
          new Dependency(
              "Maven", name, resolved, dev, List.of(name + "@" + resolved), true, relative));
    }
    return new ParsedLockfile(result, warnings);
  }

  private static Document parseXml(String xml)
      throws ParserConfigurationException, SAXException, IOException {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    var builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(xml)));
  }

  private static Map<String, String> properties(Element project) {
    var properties = new HashMap<String, String>();
    Element props = child(project, "properties");
    if (props != null) {
      for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          properties.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    Element parent = child(project, "parent");
    String parentVersion = parent == null ? null : text(parent, "version");
    String version = text(project, "version");
    if (version == null) {
      version = parentVersion;
    }
    if (version != null) {
      properties.put("project.version", version);
      properties.put("pom.version", version);
    }
    if (parentVersion != null) {
      properties.put("project.parent.version", parentVersion);
    }
    String groupId = text(project, "groupId");
    if (groupId == null && parent != null) {
      groupId = text(parent, "groupId");
    }
    if (groupId != null) {
      properties.put("project.groupId", groupId);
    }
    return properties;
  }

  /** Resolves {@code ${…}} references, repeatedly for properties that refer to others. */
  static String resolve(String value, Map<String, String> properties) {
    if (value == null) {
      return "";
    }
    String current = value;
    for (int round = 0; round < 10 && current.contains("${"); round++) {
      Matcher m = PROPERTY.matcher(current);
      var sb = new StringBuilder();
      while (m.find()) {
        String replacement = properties.get(m.group(1));
        m.appendReplacement(
            sb, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
      }
      m.appendTail(sb);
      if (sb.toString().equals(current)) {
        break;
      }
      current = sb.toString();
    }
    return current.strip();
  }

  private static List<Element> dependencies(Element parent) {
    var result = new ArrayList<Element>();
    Element deps = parent == null ? null : child(parent, "dependencies");
    if (deps != null) {
      for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals("dependency")) {
          result.add(e);
        }
      }
    }
    return result;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }
}
