package ${package};

/** The implementation: plain Java, no wire in sight. */
public class ${serviceName}Service implements ${serviceName} {
    @Override
    public Greeting greet(String name) throws NoGreetingException {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("nobody")) {
            throw new NoGreetingException("nobody to greet", new NoGreeting(name));
        }
        return new Greeting(name, "Hello, " + name + "!");
    }
}
