package io.wcf4j.binding.soap;

import io.wcf4j.http.MessageTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A client's {@code max-received-message-size} on its replies: a server may be hostile or broken too, and a reply
 * past the limit fails the call ({@link MessageTooLargeException}, reported as MESSAGE_TOO_LARGE) without being read
 * further or held in memory.
 */
final class ReplySizeLimit extends AbstractPhaseInterceptor<Message> {
    private final long limit;

    ReplySizeLimit(long limit) {
        super(Phase.RECEIVE);
        this.limit = limit;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Limited(in, limit));
        }
    }

    /** Counts what is read and fails once it is more than the limit. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
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
}
