package io.wcf4j.http;

import io.wcf4j.spi.EndpointInfo;
import io.wcf4j.spi.WireTap;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP endpoint's servlet with its messages copied to a {@link WireTap}: the request body as the servlet reads it
 * and the response body as it writes it, each up to the tap's {@link WireTap#maxBytes()}, reported once the exchange
 * is over. Headers are left out (they carry credentials). Used by the HTTP bindings when their host has a tap.
 */
public final class WireTapServlet extends HttpServlet {
    private final HttpServlet servlet;
    private final WireTap tap;
    private final EndpointInfo endpoint;

    private WireTapServlet(HttpServlet servlet, WireTap tap, EndpointInfo endpoint) {
        this.servlet = servlet;
        this.tap = tap;
        this.endpoint = endpoint;
    }

    /** {@code servlet} with its messages tapped, or {@code servlet} itself when there is no tap. */
    public static HttpServlet wrap(HttpServlet servlet, WireTap tap, EndpointInfo endpoint) {
        return tap == null ? servlet : new WireTapServlet(servlet, tap, endpoint);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        servlet.init(config);
    }

    @Override
    public void destroy() {
        servlet.destroy();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        TappedRequest request = new TappedRequest(req, tap.maxBytes());
        TappedResponse response = new TappedResponse(resp, tap.maxBytes());
        try {
            servlet.service(request, response);
        } finally {
            response.flushWriter();
            String path = req.getRequestURI();
            tap.message(endpoint, WireTap.Direction.RECEIVED, req.getMethod() + " " + path, req.getContentType(),
                    request.copy.toByteArray(), request.copy.seen);
            tap.message(endpoint, WireTap.Direction.SENT, String.valueOf(response.getStatus()), response.getContentType(),
                    response.copy.toByteArray(), response.copy.seen);
        }
    }

    /** The first bytes of a stream, and how many went by. */
    private static final class Copy extends ByteArrayOutputStream {
        private final int max;
        long seen;

        Copy(int max) {
            super(Math.min(max, 1024));
            this.max = max;
        }

        void copy(byte[] b, int off, int len) {
            seen += len;
            int room = max - count;
            if (room > 0) {
                write(b, off, Math.min(room, len));
            }
        }

        void copy(int b) {
            seen++;
            if (count < max) {
                write(b);
            }
        }
    }

    private static final class TappedRequest extends HttpServletRequestWrapper {
        final Copy copy;
        private ServletInputStream stream;

        TappedRequest(HttpServletRequest request, int max) {
            super(request);
            this.copy = new Copy(max);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            copy.copy(b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            copy.copy(b, off, n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }

    private static final class TappedResponse extends HttpServletResponseWrapper {
        final Copy copy;
        private ServletOutputStream stream;
        private PrintWriter writer;

        TappedResponse(HttpServletResponse response, int max) {
            super(response);
            this.copy = new Copy(max);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        copy.copy(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        copy.copy(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            }
            return writer;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }
    }
}
