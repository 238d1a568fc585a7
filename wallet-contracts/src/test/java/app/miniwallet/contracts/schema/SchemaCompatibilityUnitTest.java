package app.miniwallet.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The committed schemas against the released ones of the same major version (src/test/resources/released-schemas/
 * {@code <schema_version>}): a breaking change fails the build unless it is a new major version, which raises the
 * schema's {@code schema_version} const. A release copies the schemas there.
 */
class SchemaCompatibilityUnitTest {

    static Stream<String> committedSchemas() throws IOException {
        try (var files = Files.list(EventSchemas.CURRENT)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committedSchemas")
    void theCommittedSchemaOnlyAddsOptionalPropertiesToItsReleasedVersion(String file) {
        var released = EventSchemas.releasedOfTheSameVersion(file);
        assertThat(released).as("every published schema has been released").exists();

        var current = EventSchemas.read(EventSchemas.CURRENT.resolve(file));
        assertThat(SchemaCompatibility.breakingChanges(EventSchemas.read(released), current))
                .isEmpty();
    }

    /** The check itself, on planted changes to a released schema. */
    @Test
    void findsEveryKindOfBreakingChangeAndAcceptsANewOptionalProperty() {
        var released = EventSchemas.read(EventSchemas.RELEASED.resolve("1/transfer-completed.schema.json"));

        var withOptional = (ObjectNode) released.deepCopy();
        ((ObjectNode) withOptional.get("properties")).putObject("currency").put("type", "string");
        assertThat(SchemaCompatibility.breakingChanges(released, withOptional)).isEmpty();

        var broken = (ObjectNode) released.deepCopy();
        var properties = (ObjectNode) broken.get("properties");
        properties.remove("fee_minor");
        ((ObjectNode) properties.get("amount_minor")).put("type", "string");
        ((ObjectNode) properties.get("kind")).putArray("enum").add("TRANSFER");
        properties.putObject("currency").put("type", "string");
        broken.withArray("required").add(StringNode.valueOf("currency"));
        assertThat(SchemaCompatibility.breakingChanges(released, broken))
                .containsExactlyInAnyOrder(
                        "fee_minor was removed",
                        "amount_minor: type changed from \"integer\" to \"string\"",
                        "kind: enum value TOP_UP was removed",
                        "currency became required");
    }
}
