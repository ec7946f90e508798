package org.returnsbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The browser tests need Debian's chromium and chromedriver: found where Debian puts them, and when one is missing
 * the test fails (an AssertionError, never a skip) with one line naming the package to install.
 */
class BrowserProgramsTest {

    @Test
    void aMissingProgramFailsWithOneLineNamingItsDebianPackage() {
        assertThatThrownBy(() -> Browser.debianProgram("chromium-not-installed-here", "chromium-not-packaged"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("chromium-not-installed-here is missing: install Debian's chromium-not-packaged"
                        + " (apt-get install chromium-not-packaged, or run tools/install-test-packages.sh)");
    }

    @Test
    void debiansChromiumAndDriverAreFoundWhereDebianPutsThem() {
        assertThat(Browser.debianProgram("chromium", "chromium")).isEqualTo(Path.of("/usr/bin/chromium"));
        assertThat(Browser.debianProgram("chromedriver", "chromium-driver")).isEqualTo(Path.of("/usr/bin/chromedriver"));
    }
}
