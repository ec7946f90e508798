package org.returnsbridge.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One unsigned webhook upload over a raw loopback socket, as a hostile sender makes it: a well-formed, fresh
 * signature header (the HMAC is wrong, which only the body could show), a declared length (or chunked),
 * then the body at the given pace (zero: as fast as it goes, up to 10 MB; a declared length above
 * {@code bodyLimit} sends no body at all). {@link #run} returns the status answered, 0 for none; a 503
 * must carry Retry-After ({@link #retryAfter}).
 */
public final class RawUpload {

    private static final long MOST = 10L * 1024 * 1024;

    private final int port;
    private final long declared;
    private final boolean chunked;
    private final Duration pace;
    private final long bodyLimit;
    private volatile String retryAfter;

    public RawUpload(int port, long declared, boolean chunked, Duration pace, long bodyLimit) {
        this.port = port;
        this.declared = declared;
        this.chunked = chunked;
        this.pace = pace;
        this.bodyLimit = bodyLimit;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public int run() throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST /webhooks/reveni HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-REVENI-SIGNATURE: t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64) + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + declared + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean sendBody = chunked || declared <= bodyLimit;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long nextWrite = System.nanoTime();
            long sent = 0;
            byte[] filler = new byte[8192];
            Arrays.fill(filler, (byte) ' ');
            while (System.nanoTime() < deadline) {
                if (in.available() > 0) {
                    return status(in);
                }
                if (sendBody && sent < MOST && System.nanoTime() >= nextWrite) {
                    try {
                        int size = pace.isZero() ? filler.length : 1;
                        if (chunked) {
                            out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(filler, 0, size);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        } else {
                            out.write(filler, 0, size);
                        }
                        out.flush();
                        sent += size;
                    } catch (IOException closed) {
                        return statusOrZero(in);
                    }
                    nextWrite = System.nanoTime() + pace.toNanos();
                }
                Thread.sleep(pace.isZero() && sendBody && sent < MOST ? 0 : 20);
            }
            return statusOrZero(in);
        }
    }

    private int statusOrZero(InputStream in) {
        try {
            return status(in);
        } catch (IOException e) {
            return 0;
        }
    }

    private int status(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.1 ")) {
            return 0;
        }
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("retry-after:")) {
                retryAfter = line.substring("retry-after:".length()).trim();
            }
        }
        return Integer.parseInt(text.substring(9, 12));
    }
}
