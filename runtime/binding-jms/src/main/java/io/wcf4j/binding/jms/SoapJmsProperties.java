package io.wcf4j.binding.jms;

/**
 * Message property names: those of the W3C recommendation "SOAP over Java Message Service 1.0" and wcf4j's
 * own retry and dead-letter bookkeeping (see docs/jms.md).
 */
final class SoapJmsProperties {
    static final String BINDING_VERSION = "SOAPJMS_bindingVersion";
    static final String CONTENT_TYPE = "SOAPJMS_contentType";
    static final String SOAP_ACTION = "SOAPJMS_soapAction";
    static final String REQUEST_URI = "SOAPJMS_requestURI";
    static final String TARGET_SERVICE = "SOAPJMS_targetService";
    static final String IS_FAULT = "SOAPJMS_isFault";
    static final String VERSION_1_0 = "1.0";

    /** Failed attempts so far, on a message put back for a later retry. */
    static final String ATTEMPT = "wcf4j_attempt";
    /** The last failure's code and message, on a retried or dead-lettered message. */
    static final String ERROR_CODE = "wcf4j_errorCode";
    /** On a call in a one-way journal: its operation, for a person looking at the queue. */
    static final String OPERATION_PROPERTY = "wcf4j_operation";
    static final String ERROR_MESSAGE = "wcf4j_errorMessage";
    /** On a dead-lettered message: the queue it came from and its first message id. */
    static final String ORIGINAL_QUEUE = "wcf4j_originalQueue";
    static final String ORIGINAL_MESSAGE_ID = "wcf4j_originalMessageId";
    /** Set on a message in the dead-letter queue; moved back for a replay, it starts a fresh count of attempts. */
    static final String DEAD_LETTERED = "wcf4j_deadLettered";

    private SoapJmsProperties() {
    }
}
