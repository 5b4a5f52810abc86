package io.wcf4j.binding.soap;

import io.wcf4j.model.ContractDescription;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.service.model.MessagePartInfo;
import org.apache.cxf.wsdl.service.factory.AbstractServiceConfiguration;
import org.apache.cxf.wsdl.service.factory.ReflectionServiceFactoryBean;
import org.glassfish.jaxb.core.v2.model.annotation.Locatable;
import org.glassfish.jaxb.core.v2.model.core.ErrorHandler;
import org.glassfish.jaxb.runtime.api.JAXBRIContext;
import org.glassfish.jaxb.runtime.v2.model.annotation.RuntimeAnnotationReader;
import org.glassfish.jaxb.runtime.v2.model.annotation.RuntimeInlineAnnotationReader;

/**
 * One rule for the XML of data contracts, with or without a {@code package-info.java}: a data contract's type and
 * its elements are in the contract's target namespace, and qualified, as the operation's wrapper elements are.
 * JAXB's own default (no namespace, unqualified elements) applies only to packages that say nothing; so wcf4j's
 * data binding reads such a package as if it had {@code @XmlSchema(namespace = <targetNamespace>,
 * elementFormDefault = QUALIFIED)}. A package that has its own {@code @XmlSchema} keeps it, whatever it says.
 */
final class DataContractNamespace {
    private DataContractNamespace() {
    }

    /**
     * Applies the rule to a CXF service factory: its JAXB data binding reads data contracts with it, and the
     * operations' wrapper elements' children (the parameters, the result) are qualified too, as they are when the
     * contract's package has a qualified {@code @XmlSchema} (CXF otherwise takes their form from whichever schema of
     * the namespace JAXB happens to describe first).
     */
    static void apply(ReflectionServiceFactoryBean factory, ContractDescription contract) {
        JAXBDataBinding binding = new JAXBDataBinding();
        binding.setContextProperties(Map.of(JAXBRIContext.ANNOTATION_READER, new Reader(contract.namespace())));
        factory.setDataBinding(binding);
        factory.getServiceConfigurations().add(0, new AbstractServiceConfiguration() {
            @Override
            public Boolean isWrapperPartQualified(MessagePartInfo part) {
                return Boolean.TRUE;
            }
        });
    }

    /** JAXB's annotation reader, with a package-level {@code @XmlSchema} for packages that have none. */
    private static final class Reader implements RuntimeAnnotationReader {
        private final RuntimeInlineAnnotationReader annotations = new RuntimeInlineAnnotationReader();
        private final XmlSchema qualified;

        Reader(String namespace) {
            this.qualified = new Qualified(namespace);
        }

        @Override
        public <A extends Annotation> A getPackageAnnotation(Class<A> type, Class clazz, Locatable srcPos) {
            A declared = annotations.getPackageAnnotation(type, clazz, srcPos);
            if (declared == null && type == XmlSchema.class && !clazz.getName().startsWith("java")) {
                return type.cast(qualified);
            }
            return declared;
        }

        @Override
        public void setErrorHandler(ErrorHandler errorHandler) {
            annotations.setErrorHandler(errorHandler);
        }

        @Override
        public <A extends Annotation> A getFieldAnnotation(Class<A> type, Field field, Locatable srcPos) {
            return annotations.getFieldAnnotation(type, field, srcPos);
        }

        @Override
        public boolean hasFieldAnnotation(Class<? extends Annotation> type, Field field) {
            return annotations.hasFieldAnnotation(type, field);
        }

        @Override
        public boolean hasClassAnnotation(Class clazz, Class<? extends Annotation> type) {
            return annotations.hasClassAnnotation(clazz, type);
        }

        @Override
        public Annotation[] getAllFieldAnnotations(Field field, Locatable srcPos) {
            return annotations.getAllFieldAnnotations(field, srcPos);
        }

        @Override
        public <A extends Annotation> A getMethodAnnotation(Class<A> type, Method getter, Method setter, Locatable srcPos) {
            return annotations.getMethodAnnotation(type, getter, setter, srcPos);
        }

        @Override
        public boolean hasMethodAnnotation(Class<? extends Annotation> type, String propertyName, Method getter, Method setter,
                                           Locatable srcPos) {
            return annotations.hasMethodAnnotation(type, propertyName, getter, setter, srcPos);
        }

        @Override
        public Annotation[] getAllMethodAnnotations(Method method, Locatable srcPos) {
            return annotations.getAllMethodAnnotations(method, srcPos);
        }

        @Override
        public <A extends Annotation> A getMethodAnnotation(Class<A> type, Method method, Locatable srcPos) {
            return annotations.getMethodAnnotation(type, method, srcPos);
        }

        @Override
        public boolean hasMethodAnnotation(Class<? extends Annotation> type, Method method) {
            return annotations.hasMethodAnnotation(type, method);
        }

        @Override
        public <A extends Annotation> A getMethodParameterAnnotation(Class<A> type, Method method, int index, Locatable srcPos) {
            return annotations.getMethodParameterAnnotation(type, method, index, srcPos);
        }

        @Override
        public <A extends Annotation> A getClassAnnotation(Class<A> type, Class clazz, Locatable srcPos) {
            return annotations.getClassAnnotation(type, clazz, srcPos);
        }

        @Override
        public Type getClassValue(Annotation a, String name) {
            return annotations.getClassValue(a, name);
        }

        @Override
        public Type[] getClassArrayValue(Annotation a, String name) {
            return annotations.getClassArrayValue(a, name);
        }
    }

    /** {@code @XmlSchema(namespace = ..., elementFormDefault = QUALIFIED)}, as a package would declare it. */
    private record Qualified(String namespace) implements XmlSchema {
        @Override
        public jakarta.xml.bind.annotation.XmlNs[] xmlns() {
            return new jakarta.xml.bind.annotation.XmlNs[0];
        }

        @Override
        public XmlNsForm elementFormDefault() {
            return XmlNsForm.QUALIFIED;
        }

        @Override
        public XmlNsForm attributeFormDefault() {
            return XmlNsForm.UNSET;
        }

        @Override
        public String location() {
            return XmlSchema.NO_LOCATION;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return XmlSchema.class;
        }
    }
}
