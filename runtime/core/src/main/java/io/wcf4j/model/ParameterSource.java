package io.wcf4j.model;

/** Where a REST binding reads a parameter from. SOAP and binary bindings put every parameter in the body. */
public enum ParameterSource {
    BODY, PATH, QUERY, HEADER
}
