package app.miniwallet.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.Topics;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docs/asyncapi.yaml describes exactly the topics the code declares, with payloads that are the published schemas. */
class AsyncApiDocumentUnitTest {

    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");

    private final JsonNode document = read();

    @Test
    void isAnAsyncApi3DocumentWithAChannelForEveryTopicTheCodeDeclares() throws IllegalAccessException {
        var topics = new ArrayList<String>();
        for (var field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && !field.getName().endsWith("_HEADER")) {
                topics.add((String) field.get(null));
            }
        }
        var addresses = new ArrayList<String>();
        document.get("channels")
                .forEach(channel -> addresses.add(channel.get("address").asString()));

        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void everyJsonPayloadIsAPublishedSchemaThatExists() {
        var payloads = new ArrayList<String>();
        document.get("components").get("messages").forEach(message -> {
            var payload = message.get("payload");
            if (payload.has("$ref")) {
                payloads.add(payload.get("$ref").asString());
            }
        });

        assertThat(payloads).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("../wallet-contracts/src/main/resources/schemas/");
            assertThat(DOCUMENT.getParent().resolve(reference)).exists();
        });
        try (var schemas = Files.list(EventSchemas.CURRENT)) {
            assertThat(schemas.map(file -> "../wallet-contracts/" + EventSchemas.CURRENT.resolve(file.getFileName())))
                    .as("every published schema is referenced")
                    .allSatisfy(schema -> assertThat(payloads).contains(schema));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode read() {
        try {
            return YAMLMapper.builder().build().readTree(Files.readString(DOCUMENT));
        } catch (IOException e) {
            throw new AssertionError("could not read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
