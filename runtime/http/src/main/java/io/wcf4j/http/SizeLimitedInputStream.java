package io.wcf4j.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that fails with {@link MessageTooLargeException} once more than its limit has been read (or skipped): a
 * message past its size limit is refused without being read further or held in memory. Request bodies (the router)
 * and SOAP clients' replies use it alike.
 *
 * @since 0.1
 */
public final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private long read;

    public SizeLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws MessageTooLargeException {
        read += n;
        if (read > limit) {
            throw new MessageTooLargeException(limit);
        }
    }
}
