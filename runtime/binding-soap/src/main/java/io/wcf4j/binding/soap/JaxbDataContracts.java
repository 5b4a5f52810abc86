package io.wcf4j.binding.soap;

import io.wcf4j.model.ContractDescription;
import io.wcf4j.model.FaultDescription;
import io.wcf4j.model.OperationDescription;
import io.wcf4j.model.ParameterDescription;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.Set;

/**
 * What JAXB, which CXF reads and writes SOAP bodies with, cannot carry, found when an endpoint or a client opens rather
 * than at its first call: a Java record (JAXB makes an object with its no-argument constructor and then sets it, and a
 * record has neither), anywhere in an operation's parameters, result or fault info, or nested in their fields.
 */
final class JaxbDataContracts {
    private JaxbDataContracts() {
    }

    /**
     * @throws IllegalArgumentException naming the record, where the contract uses it and what to do, if there is one
     */
    static void check(ContractDescription contract) {
        Set<Class<?>> seen = new HashSet<>();
        for (ContractDescription c = contract; c != null; c = c == contract ? contract.callbackContract() : null) {
            for (OperationDescription op : c.operations()) {
                String where = c.type().getSimpleName() + "." + op.name();
                for (ParameterDescription p : op.parameters()) {
                    walk(p.genericType(), where + " parameter '" + p.name() + "'", seen);
                }
                walk(op.genericReturnType(), where + " result", seen);
                for (FaultDescription f : op.faults()) {
                    walk(f.faultInfoType(), where + " fault " + f.name(), seen);
                }
            }
        }
    }

    private static void walk(Type type, String where, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), where, seen);
            for (Type argument : p.getActualTypeArguments()) {
                walk(argument, where, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            walk(a.getGenericComponentType(), where, seen);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                walk(bound, where, seen);
            }
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                walk(c.getComponentType(), where, seen);
                return;
            }
            if (c.isPrimitive() || c.getName().startsWith("java.") || c.getName().startsWith("javax.") || !seen.add(c)) {
                return;
            }
            if (c.isRecord()) {
                throw new IllegalArgumentException("the " + where + " uses the record " + c.getName() + ", which SOAP (soap-http, "
                        + "soap-jms) cannot carry: JAXB, which reads and writes SOAP bodies, needs a class with a no-argument "
                        + "constructor and setters or fields it can set. Make it such a class, or serve this contract on a "
                        + "binding that maps records (rest-json, net-tcp, net-pipe, grpc)");
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                        walk(f.getGenericType(), where + " (" + c.getSimpleName() + "." + f.getName() + ")", seen);
                    }
                }
            }
        }
    }
}
