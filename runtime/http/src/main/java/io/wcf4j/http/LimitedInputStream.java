package io.wcf4j.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/** A request body that fails with {@link MessageTooLargeException} once more than the limit has been read. */
final class LimitedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    /** The same body, counted: the servlet API needs this class, the counting is {@link SizeLimitedInputStream}'s. */
    private final SizeLimitedInputStream counted;

    LimitedInputStream(ServletInputStream in, long limit) {
        this.in = in;
        this.counted = new SizeLimitedInputStream(in, limit);
    }

    @Override
    public int read() throws IOException {
        return counted.read();
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return counted.read(buf, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        return counted.skip(n);
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
    public void setReadListener(ReadListener readListener) {
        in.setReadListener(readListener);
    }
}
