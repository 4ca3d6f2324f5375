package com.architectreviewer.advisories.lockfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockfileDiscoveryTest {

  static final Path PROJECTS = Path.of("src/test/resources/advisories/projects");

  /** Each dependency as {@code name@version [dev] [range] path>path}. */
  static List<String> read(String project) throws Exception {
    return LockfileDiscovery.scan(PROJECTS.resolve(project)).dependencies().stream()
        .map(d ->
            d.name()
                + "@"
                + d.version()
                + (d.dev() ? " dev" : "")
                + (d.exact() ? "" : " range")
                + " "
                + String.join(">", d.path()))
        .sorted()
        .toList();
  }

  static List<String> warnings(String project) throws Exception {
    return LockfileDiscovery.scan(PROJECTS.resolve(project)).warnings();
  }

  @Test
  void readsNpmLockfileVersion3WithPathsAndDevFlags() throws Exception {
    assertThat(read("npm-v3"))
        .containsExactly(
            "la-pkg@1.4.2 some-lib@1.2.0>la-pkg@1.4.2",
            "la-pkg@1.5.0 dev pre-pkg@2.0.0-beta.3>la-pkg@1.5.0",
            "lodash@4.17.20 some-lib@1.2.0>lodash@4.17.20",
            "next@14.2.3 next@14.2.3",
            "pre-pkg@2.0.0-beta.3 dev pre-pkg@2.0.0-beta.3",
            "some-lib@1.2.0 some-lib@1.2.0",
            "vers-pkg@0.3.2 vers-pkg@0.3.2");
    assertThat(warnings("npm-v3"))
        .singleElement()
        .asString()
        .contains("package-lock.json", "local-thing", "not a registry version");
  }

  @Test
  void readsNpmLockfileVersion2FromPackagesNotTheLegacyTree() throws Exception {
    assertThat(read("npm-v2"))
        .containsExactly(
            "limit-pkg@1.9.9 dev limit-pkg@1.9.9",
            "lodash@4.17.21 some-lib@1.2.0>lodash@4.17.21",
            "some-lib@1.2.0 some-lib@1.2.0");
  }

  @Test
  void readsNpmLockfileVersion1NestedTreeAndAliases() throws Exception {
    assertThat(read("npm-v1"))
        .containsExactly(
            "express-ish@4.0.0 express-ish@4.0.0",
            "la-pkg@1.1.0 la-pkg@1.1.0",
            "lodash@4.17.15 express-ish@4.0.0>lodash@4.17.15",
            "lodash@4.17.21 lodash@4.17.21",
            "pre-pkg@2.0.0-rc.2 dev pre-pkg@2.0.0-rc.2");
  }

  @Test
  void shrinkwrapWinsOverPackageLock() throws Exception {
    assertThat(read("shrinkwrap")).containsExactly("lodash@4.17.19 lodash@4.17.19");
    assertThat(LockfileDiscovery.scan(PROJECTS.resolve("shrinkwrap")).files())
        .containsExactly("npm-shrinkwrap.json");
  }

  @Test
  void readsYarnClassicWithRootsFromPackageJson() throws Exception {
    assertThat(read("yarn-classic"))
        .containsExactly(
            "@scope/ui@2.1.0 @scope/ui@2.1.0",
            "lodash@4.17.20 some-lib@1.2.0>lodash@4.17.20",
            "pre-pkg@2.0.0-alpha.1 dev pre-pkg@2.0.0-alpha.1",
            "some-lib@1.2.0 some-lib@1.2.0");
  }

  @Test
  void readsYarnBerryWithWorkspaceRootAndDevFromManifest() throws Exception {
    assertThat(read("yarn-berry"))
        .containsExactly(
            "@next/env@15.1.0 next@15.1.0>@next/env@15.1.0",
            "limit-pkg@1.5.0 dev limit-pkg@1.5.0",
            "next@15.1.0 next@15.1.0");
  }

  @Test
  void readsPnpmVersions5And6And9() throws Exception {
    assertThat(read("pnpm-v5"))
        .containsExactly(
            "lodash@4.17.20 some-lib@1.2.0>lodash@4.17.20",
            "pre-pkg@2.0.0-beta.1 dev pre-pkg@2.0.0-beta.1",
            "some-lib@1.2.0 some-lib@1.2.0");
    assertThat(read("pnpm-v6"))
        .containsExactly("next@14.1.0 next@14.1.0", "react@18.2.0 next@14.1.0>react@18.2.0");
    assertThat(read("pnpm-v9"))
        .containsExactly(
            "lodash@4.17.20 some-lib@1.2.0>lodash@4.17.20",
            "next@14.2.3 packages/web>next@14.2.3",
            "react@18.3.1 packages/web>next@14.2.3>react@18.3.1",
            "some-lib@1.2.0 some-lib@1.2.0",
            "vers-pkg@0.3.1 dev vers-pkg@0.3.1");
  }

  @Test
  void readsTheAppDocumentOfAMultiDocumentPnpmLockfile() throws Exception {
    assertThat(read("pnpm-multidoc")).containsExactly("lodash@4.17.20 lodash@4.17.20");
  }

  @Test
  void readsBunLockWithCommentsTrailingCommasAndNestedCopies() throws Exception {
    assertThat(read("bun"))
        .containsExactly(
            "@next/env@15.2.0 next@15.2.0>@next/env@15.2.0",
            "lodash@4.17.11 next@15.2.0>lodash@4.17.11",
            "lodash@4.17.21 lodash@4.17.21",
            "next@15.2.0 next@15.2.0",
            "pre-pkg@2.0.0-rc.1 dev pre-pkg@2.0.0-rc.1");
  }

  @Test
  void packageJsonAloneGivesLowestVersionsWithLowerConfidenceAndSaysSo() throws Exception {
    assertThat(read("package-json-only"))
        .containsExactly(
            "lodash@4.17.4 range lodash@~4.17.4",
            "next@14.1.0 range next@^14.1.0",
            "pre-pkg@2.0.0-alpha.3 dev range pre-pkg@>=2.0.0-alpha.3 <3");
    assertThat(warnings("package-json-only"))
        .anySatisfy(w -> assertThat(w).contains("package.json", "no lockfile", "lower confidence"))
        .anySatisfy(w -> assertThat(w).contains("my-fork", "not checked"));
  }

  @Test
  void readsPomDirectDependenciesWithPropertiesAndManagedVersions() throws Exception {
    assertThat(read("maven"))
        .containsExactly(
            "com.example:sibling@3.1.0 com.example:sibling@3.1.0",
            "org.apache.logging.log4j:log4j-api@2.14.1 org.apache.logging.log4j:log4j-api@2.14.1",
            "org.apache.logging.log4j:log4j-core@2.14.1 org.apache.logging.log4j:log4j-core@2.14.1",
            "org.junit.jupiter:junit-jupiter@5.11.0 dev org.junit.jupiter:junit-jupiter@5.11.0");
    assertThat(warnings("maven"))
        .anySatisfy(w -> assertThat(w).contains("pom.xml", "managed-elsewhere"))
        .anySatisfy(w -> assertThat(w).contains("pom.xml", "${nowhere.version}"));
  }

  @Test
  void readsRequirementsPinsAndWarnsAboutUnpinned() throws Exception {
    assertThat(read("requirements"))
        .containsExactly(
            "django@4.2.7 django@4.2.7",
            "flask@2.0 range flask@2.0",
            "pep-pkg@1.0 pep-pkg@1.0",
            "pep-pkg@1.0.post1 dev pep-pkg@1.0.post1",
            "pytest@8.0.0 dev pytest@8.0.0",
            "requests@2.28.1 requests@2.28.1");
    assertThat(warnings("requirements"))
        .anySatisfy(w -> assertThat(w).contains("requirements.txt", "numpy", "pins no version"));
  }

  @Test
  void readsPoetryAndUvLocksWithGroupsAndPaths() throws Exception {
    assertThat(read("poetry"))
        .containsExactly(
            "httpx@0.27.0 httpx@0.27.0",
            "pep-pkg@1.0rc2 dev pep-pkg@1.0rc2",
            "requests@2.30.0 httpx@0.27.0>requests@2.30.0");
    assertThat(read("uv"))
        .containsExactly(
            "httpx@0.27.0 httpx@0.27.0",
            "pep-pkg@1.0.dev1 dev pep-pkg@1.0.dev1",
            "requests@2.29.0 httpx@0.27.0>requests@2.29.0");
  }

  @Test
  void rootLockfileCoversWorkspaceMembersAndNamesThem() throws Exception {
    assertThat(read("workspace"))
        .containsExactly(
            "limit-pkg@1.0.1 dev limit-pkg@1.0.1",
            "lodash@4.17.20 packages/api>lodash@4.17.20",
            "next@13.5.6 packages/web>next@13.5.6");
    assertThat(LockfileDiscovery.scan(PROJECTS.resolve("workspace")).files())
        .containsExactly("package-lock.json");
  }

  @Test
  void yarnRootLockfilesCoverTheirWorkspaceMembers() throws Exception {
    assertThat(read("yarn-workspaces"))
        .containsExactly(
            "lodash@4.17.20 packages/site>lodash@4.17.20",
            "pre-pkg@2.0.0-beta.2 dev pre-pkg@2.0.0-beta.2");
    assertThat(LockfileDiscovery.scan(PROJECTS.resolve("yarn-workspaces")).files())
        .containsExactly("yarn.lock");
    assertThat(read("yarn-berry-workspaces"))
        .containsExactly(
            "limit-pkg@1.2.0 dev apps/web>limit-pkg@1.2.0", "next@15.0.1 apps/web>next@15.0.1");
  }

  @Test
  void malformedAndUnknownLockfilesBecomeWarningsNamingTheFile() throws Exception {
    assertThat(read("malformed")).containsExactly("lodash@4.17.20 lodash@4.17.20");
    assertThat(warnings("malformed"))
        .anySatisfy(w -> assertThat(w).startsWith("package-lock.json: not valid JSON"))
        .anySatisfy(w -> assertThat(w).startsWith("py/poetry.lock: not valid TOML"))
        .anySatisfy(w ->
            assertThat(w).startsWith("future/pnpm-lock.yaml: unknown lockfileVersion \"12.0\""));
  }
}
