package io.wcf4j.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP exchange on the calling thread (Jazzer allows the targets' loopback connections on the fuzzing thread only),
 * with a bound on each step: an answer that does not come in 10 s is a hang, a finding.
 */
final class Http {
    private Http() {
    }

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    static Answer exchange(URL url, String method, String contentType, byte[] body, String... headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        c.setRequestMethod(method);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            c.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (in != null) {
            in.close();
        }
        return new Answer(status, text);
    }
}
