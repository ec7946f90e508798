package org.returnsbridge.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The non-root system user the image runs the bridge as, reproduced on this machine for the layout tests (there
 * is no container engine here), and the shell commands that set files up for it.
 */
final class ImageUser {

    /** One user for every layout test: created once, reused by the next test and the next build. */
    static final String NAME = "bridgeit";

    private ImageUser() {}

    /** Creates the user when it does not exist yet; answers its uid. */
    static int ensure() throws IOException, InterruptedException {
        if (exitCode("id", "-u", NAME) != 0) {
            run("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME);
        }
        return Integer.parseInt(run("id", "-u", NAME).trim());
    }

    /** Makes the user the owner of a path the image's user may write. */
    static void owns(String path) throws IOException, InterruptedException {
        run("chown", NAME + ":" + NAME, path);
    }

    /** The uid owning a file, as {@code stat} reports it. */
    static int ownerUid(String path) throws IOException, InterruptedException {
        return Integer.parseInt(run("stat", "-c", "%u", path).trim());
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
