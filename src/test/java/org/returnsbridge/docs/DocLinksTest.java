package org.returnsbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md and docs/*.md: every link resolves inside the repository, every anchor to a heading. */
class DocLinksTest {

    @Test
    void everyLinkAndAnchorInTheDocumentationResolvesInsideTheRepository() {
        List<Path> pages = ProjectDocs.files();

        assertThat(pages).as("the README and the pages it maps").contains(ProjectDocs.README,
                Path.of("docs/operations.md"), Path.of("docs/exactly-once.md"));
        assertThat(new DocLinks(Path.of(""), ProjectDocs::read).problems(pages)).isEmpty();
    }

    @Test
    void theReadmeLinksEveryPageUnderDocs() {
        String readme = ProjectDocs.read(ProjectDocs.README);

        for (Path page : ProjectDocs.files().subList(1, ProjectDocs.files().size())) {
            assertThat(readme).as("the README's map").contains("](" + page.toString().replace('\\', '/') + ")");
        }
    }

    @Test
    void aBrokenLinkAMissingAnchorAndAPathOutsideTheRepositoryAreEachReported(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/guide.md"), """
                # Guide
                ## Compose: two bridges, PostgreSQL, Prometheus
                ## Refunds into Sitoo's sales ledger
                """);
        Files.writeString(repo.resolve("README.md"), """
                # Bridge
                [fine](docs/guide.md#compose-two-bridges-postgresql-prometheus) and [fine](docs/guide.md#refunds-into-sitoos-sales-ledger)
                [web](https://developer.sitoo.com) and [here](#bridge) and `[not a link](nowhere.md)`
                [gone](docs/missing.md)
                [wrong anchor](docs/guide.md#compose)
                [escapes](../outside.md)
                the contracts in ../shared/contracts/ describe it
                ```
                [inside a code block](nowhere.md)
                ```
                [ref]: docs/also-missing.md
                a link whose [text
                wraps](docs/guide.md#nowhere) is still a link
                """);

        List<String> problems = new DocLinks(repo, ProjectDocs::read).problems(List.of(Path.of("README.md")));

        assertThat(problems).containsExactly(
                "README.md:4: docs/missing.md: no such file",
                "README.md:5: docs/guide.md#compose: no heading docs/guide.md has this anchor",
                "README.md:6: ../outside.md: points outside the repository",
                "README.md:7: points outside the repository (shared/contracts)",
                "README.md:11: docs/also-missing.md: no such file",
                "README.md:12: docs/guide.md#nowhere: no heading docs/guide.md has this anchor");
    }

    @Test
    void anchorsFollowGitHubsSlugs() {
        assertThat(DocLinks.slug("Compose: two bridges, PostgreSQL, Prometheus"))
                .isEqualTo("compose-two-bridges-postgresql-prometheus");
        assertThat(DocLinks.slug("Hawtio, JMX and Jolokia")).isEqualTo("hawtio-jmx-and-jolokia");
        assertThat(DocLinks.slug("`BRIDGE_SYNC_MODE` and sync_modes")).isEqualTo("bridge_sync_mode-and-sync_modes");
        assertThat(DocLinks.anchors("# A\n## A\n```\n# B\n```\n### A\n")).containsExactlyInAnyOrder("a", "a-1", "a-2");
    }
}
