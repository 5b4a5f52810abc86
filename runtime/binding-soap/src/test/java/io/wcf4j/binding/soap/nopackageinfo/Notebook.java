package io.wcf4j.binding.soap.nopackageinfo;

import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A contract whose data contracts live in a package without a package-info.java, as a new user's first ones do. */
@WebService(name = "Notebook", targetNamespace = "urn:wcf4j:soap:notebook")
public interface Notebook {
    Note keep(@WebParam(name = "note") Note note);

    /** A data contract: a class, nested lists and a nested class. */
    class Note {
        private String text;
        private BigDecimal amount;
        private List<String> tags = new ArrayList<>();
        private Author author;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        public BigDecimal getAmount() {
            return amount;
        }

        public void setAmount(BigDecimal amount) {
            this.amount = amount;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public Author getAuthor() {
            return author;
        }

        public void setAuthor(Author author) {
            this.author = author;
        }
    }

    /** Nested in a data contract. */
    class Author {
        public String name;
    }
}
