package io.wcf4j.binding.soap.unqualified;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;

/** A contract whose data contract package declares unqualified elements. */
@WebService(name = "Memos", targetNamespace = "urn:wcf4j:soap:memo")
public interface Memos {
    Memo file(@WebParam(name = "memo") Memo memo);

    /** A data contract. */
    class Memo {
        public String subject;
    }
}
