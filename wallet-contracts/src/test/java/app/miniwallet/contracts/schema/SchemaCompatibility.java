package app.miniwallet.contracts.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Whether a schema may replace the one released before it: readers of the released one still understand every
 * message, and messages the released one described are still valid. Only new optional properties may appear; a
 * property never goes away, changes its type, const or format, or loses an enum value; nothing becomes required.
 */
final class SchemaCompatibility {

    private static final List<String> KEPT = List.of("type", "const", "format");

    private SchemaCompatibility() {}

    /** What breaks compatibility, in words; empty when {@code current} may replace {@code released}. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        var changes = new ArrayList<String>();
        var releasedProperties = released.get("properties");
        var currentProperties = current.get("properties");
        releasedProperties.propertyNames().forEach(name -> {
            var before = releasedProperties.get(name);
            var now = currentProperties.get(name);
            if (now == null) {
                changes.add(name + " was removed");
                return;
            }
            for (var keyword : KEPT) {
                if (before.has(keyword) && !before.get(keyword).equals(now.get(keyword))) {
                    changes.add(
                            name + ": " + keyword + " changed from " + before.get(keyword) + " to " + now.get(keyword));
                }
            }
            if (before.has("enum")) {
                var values = valuesOf(now.get("enum"));
                valuesOf(before.get("enum")).stream()
                        .filter(value -> !values.contains(value))
                        .forEach(value -> changes.add(name + ": enum value " + value + " was removed"));
            }
        });
        var requiredBefore = valuesOf(released.get("required"));
        valuesOf(current.get("required")).stream()
                .filter(name -> !requiredBefore.contains(name))
                .forEach(name -> changes.add(name + " became required"));
        return changes;
    }

    private static Set<String> valuesOf(JsonNode array) {
        var values = new HashSet<String>();
        if (array != null) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }
}
