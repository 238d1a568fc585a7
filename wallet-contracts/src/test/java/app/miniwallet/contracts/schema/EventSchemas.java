package app.miniwallet.contracts.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schemas, as committed and as last released. */
final class EventSchemas {

    static final Path CURRENT = Path.of("src/main/resources/schemas");
    static final Path RELEASED = Path.of("src/test/resources/released-schemas");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {}

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The released schema of the same major version as the committed one ({@code schema_version}'s const): a version
     * whose meaning changed is a new major version, released of its own, and readers tell them apart by that field.
     */
    static Path releasedOfTheSameVersion(String fileName) {
        var version = read(CURRENT.resolve(fileName))
                .get("properties")
                .get("schema_version")
                .get("const")
                .asInt();
        return RELEASED.resolve(Integer.toString(version)).resolve(fileName);
    }

    static Schema validator(String fileName) {
        return REGISTRY.getSchema(read(CURRENT.resolve(fileName)).toString());
    }
}
