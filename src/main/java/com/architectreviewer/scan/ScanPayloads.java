package com.architectreviewer.scan;

import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scan payloads as JSON: {@code {"repositoryId":…, "source":{"type":"git"|"path"|"archive",…}}}.
 */
@Component
class ScanPayloads {

  private final ObjectMapper json;

  ScanPayloads(ObjectMapper json) {
    this.json = json;
  }

  String write(ScanPayload payload) {
    ObjectNode root = json.createObjectNode();
    if (payload.repositoryId() != null) {
      root.put("repositoryId", payload.repositoryId().toString());
    }
    ObjectNode source = root.putObject("source");
    switch (payload.source()) {
      case ScanSource.GitRepository git -> {
        source.put("type", "git");
        source.put("url", git.url());
        if (git.ref() != null) {
          source.put("ref", git.ref());
        }
      }
      case ScanSource.ServerPath path -> {
        source.put("type", "path");
        source.put("path", path.path());
      }
      case ScanSource.StoredArchive archive -> {
        source.put("type", "archive");
        source.put("archiveId", archive.archiveId().toString());
      }
    }
    return json.writeValueAsString(root);
  }

  ScanPayload read(String text) {
    var root = json.readTree(text);
    var repository = root.path("repositoryId");
    UUID repositoryId = repository.isMissingNode() ? null : UUID.fromString(repository.asString());
    var source = root.path("source");
    ScanSource parsed =
        switch (source.path("type").asString()) {
          case "git" ->
              new ScanSource.GitRepository(
                  source.path("url").asString(),
                  source.has("ref") ? source.path("ref").asString() : null);
          case "path" -> new ScanSource.ServerPath(source.path("path").asString());
          case "archive" ->
              new ScanSource.StoredArchive(UUID.fromString(source.path("archiveId").asString()));
          default -> throw new IllegalArgumentException("Unknown scan source in payload");
        };
    return new ScanPayload(repositoryId, parsed);
  }
}
