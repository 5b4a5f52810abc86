package io.wcf4j.binding.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wcf4j.ChannelFactory;
import io.wcf4j.ServiceHost;
import io.wcf4j.binding.grpc.mapping.Everything;
import io.wcf4j.binding.grpc.mapping.Level;
import io.wcf4j.binding.grpc.mapping.MappingFault;
import io.wcf4j.binding.grpc.mapping.MappingFaultException;
import io.wcf4j.binding.grpc.mapping.MappingService;
import io.wcf4j.binding.grpc.mapping.TransferRequest;
import io.wcf4j.config.BindingConfig;
import io.wcf4j.model.InvalidContractException;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract → protobuf mapping: pinned by a golden .proto ({@code -Dwcf4j.golden.write=true} rewrites it), every
 * kind of value round-trips over the wire, and a type with no faithful protobuf form fails start-up naming itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtoMappingTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/Mapping.proto");

    private final List<String> notified = new CopyOnWriteArrayList<>();
    private ServiceHost host;
    private ChannelFactory<MappingService> factory;
    private MappingService client;

    @BeforeAll
    void start() {
        host = ServiceHost.builder(MappingService.class).name("mapping").implementation(new MappingService() {
            @Override
            public Everything echo(Everything value) {
                return value;
            }

            @Override
            public Map<String, Integer> countWords(List<String> words) {
                Map<String, Integer> counts = new TreeMap<>();
                words.forEach(w -> counts.merge(w, 1, Integer::sum));
                return counts;
            }

            @Override
            public List<Level> levels(List<String> names) {
                return names.stream().map(Level::valueOf).toList();
            }

            @Override
            public Everything transfer(TransferRequest request) throws MappingFaultException {
                throw new MappingFaultException("not enough in " + request.from(), new MappingFault("funds", request.amount()));
            }

            @Override
            public void nothing() {
            }

            @Override
            public void notify(String text) {
                notified.add(text);
            }
        }).endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc", Map.of())).build();
        host.open();
        factory = ChannelFactory.builder(MappingService.class)
                .address(host.endpoints().get(0).address().toString()).binding(BindingConfig.of("grpc", Map.of())).build();
        client = factory.createChannel();
    }

    @AfterAll
    void stop() {
        factory.close();
        host.close(Duration.ofSeconds(5));
    }

    @Test
    void theProtoFileIsTheGoldenOne() throws Exception {
        String proto = ProtoFile.of(MappingService.class);
        if (Boolean.getBoolean("wcf4j.golden.write")) {
            Files.writeString(GOLDEN, proto, StandardCharsets.UTF_8);
        }
        assertThat(proto).as("the mapping changed: if on purpose, rerun with -Dwcf4j.golden.write=true and review the diff")
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        assertThat(ProtoFile.fileName(MappingService.class)).isEqualTo("io/wcf4j/binding/grpc/mapping/mapping/Mapping.proto");
    }

    @Test
    void everyKindOfValueRoundTrips() {
        Everything child = new Everything("child", 0, null, 0, null, 0, 0, false, null, null, null, null, null, null, null,
                null, null, List.of(), List.of(), Set.of(), Map.of(), Map.of(), null, null);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("tea", new BigDecimal("2.50"));
        prices.put("cake", new BigDecimal("-0.10"));
        Everything full = new Everything("h\u00e9llo \ud83c\udf89", -7, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0.1, 1.5f, true, false,
                new BigDecimal("12345678901234567890.120"), new BigInteger("-123456789012345678901234567890"),
                Instant.parse("2026-12-02T17:00:00.123456789Z"), OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC),
                LocalDate.of(2024, 2, 29), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new byte[] {0, 1, -1, 127},
                Level.HIGH, List.of("a", "", "c"), List.of(1L, -1L, 0L, Long.MAX_VALUE), Set.of(Level.LOW),
                prices, Map.of(7L, child), child, "pinned");
        assertThat(client.echo(full)).usingRecursiveComparison().isEqualTo(full);
        assertThat(client.echo(full).money()).as("money keeps its scale").hasToString("12345678901234567890.120");
    }

    @Test
    void nullsSurviveWhereProtobufHasPresence_andPrimitivesAreZero() {
        Everything empty = new Everything(null, 0, null, 0, null, 0, 0, false, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        Everything back = client.echo(empty);
        assertThat(back.text()).isNull();
        assertThat(back.boxed()).isNull();
        assertThat(back.maybe()).isNull();
        assertThat(back.money()).isNull();
        assertThat(back.at()).isNull();
        assertThat(back.level()).isNull();
        assertThat(back.child()).isNull();
        assertThat(back.small()).isZero();
        assertThat(client.echo(null)).isNull();
    }

    @Test
    void collectionsAndMapsAsResults() {
        assertThat(client.countWords(List.of("b", "a", "b"))).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        assertThat(client.levels(List.of("HIGH", "LOW", "HIGH"))).containsExactly(Level.HIGH, Level.LOW, Level.HIGH);
    }

    @Test
    void aDeclaredFaultArrivesTypedWithItsDetail() {
        MappingFaultException e = catchThrowableOfType(MappingFaultException.class,
                () -> client.transfer(new TransferRequest("alice", "bob", new BigDecimal("5.00"))));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("not enough in alice");
        assertThat(e.getFaultInfo()).isEqualTo(new MappingFault("funds", new BigDecimal("5.00")));
    }

    @Test
    void voidAndOneWayOperations() throws InterruptedException {
        client.nothing();
        client.notify("one way");
        long until = System.nanoTime() + 5_000_000_000L;
        while (notified.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(notified).containsExactly("one way");
    }

    /** A contract whose parameter is an Object: nothing says what goes on the wire. */
    @WebService(name = "Vague", targetNamespace = "urn:vague")
    public interface Vague {
        String take(@WebParam(name = "anything") Object anything);
    }

    /** A contract with a list of lists, which protobuf cannot nest. */
    @WebService(name = "Nested", targetNamespace = "urn:nested")
    public interface Nested {
        String take(@WebParam(name = "grid") List<List<String>> grid);
    }

    @Test
    void aTypeWithNoProtobufForm_failsStartUpNamingIt() {
        assertThatThrownBy(() -> ProtoFile.of(Vague.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("Vague.take parameter anything").hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> ProtoFile.of(Nested.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("Nested.take parameter grid").hasMessageContaining("list of lists");
        ServiceHost vague = ServiceHost.builder(Vague.class).name("vague").implementation((Vague) anything -> "x")
                .endpoint(null, "grpc://127.0.0.1:0", BindingConfig.of("grpc", Map.of())).build();
        assertThatThrownBy(vague::open).hasStackTraceContaining("java.lang.Object");
        vague.close(Duration.ofSeconds(1));
    }
}
