package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Working folders of processes that are gone are removed; those of live processes stay. */
class WorkFoldersTest {

  @TempDir Path temp;

  @Test
  void removesTheFoldersOfDeadProcessesOnly() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long dead = ended.pid();
    long alive = ProcessHandle.current().pid();
    UUID job = UUID.randomUUID();

    Path deadScan = folderWithFile("reviewer-scan-" + dead + "-" + job + "-123");
    Path deadClone = folderWithFile("reviewer-clone-" + dead + "-456");
    Path liveScan = folderWithFile("reviewer-scan-" + alive + "-" + job + "-789");
    Path oldStyle = folderWithFile("reviewer-scan-" + job + "-42");
    Path unrelated = folderWithFile("something-else-" + dead + "-1");

    assertThat(WorkFolders.removeOrphans(temp)).isEqualTo(2);

    assertThat(deadScan).doesNotExist();
    assertThat(deadClone).doesNotExist();
    assertThat(liveScan).exists();
    assertThat(oldStyle).as("no pid in the name: left alone").exists();
    assertThat(unrelated).exists();
  }

  private Path folderWithFile(String name) throws Exception {
    Path folder = Files.createDirectory(temp.resolve(name));
    Files.createDirectories(folder.resolve("src/a"));
    Files.writeString(folder.resolve("src/a/file.js"), "x");
    return folder;
  }
}
