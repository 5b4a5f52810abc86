package io.wcf4j.binding.soap;

import io.wcf4j.http.MessageTooLargeException;
import io.wcf4j.http.SizeLimitedInputStream;
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
            message.setContent(InputStream.class, new SizeLimitedInputStream(in, limit));
        }
    }
}
