package ${package};

/** The fault's information: what the caller may need to act on. */
public class NoGreeting {
    private String name;

    public NoGreeting() {
    }

    public NoGreeting(String name) {
        this.name = name;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
