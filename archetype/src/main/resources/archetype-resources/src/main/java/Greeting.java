package ${package};

/** A data contract: a class with a no-argument constructor and properties (no record: SOAP cannot carry one). */
public class Greeting {
    private String name;
    private String text;

    public Greeting() {
    }

    public Greeting(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
}
