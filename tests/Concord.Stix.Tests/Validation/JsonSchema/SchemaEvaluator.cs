using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>
/// A compact JSON Schema draft 2020-12 evaluator covering exactly the keywords the OASIS STIX 2.1 schemas use:
/// $ref (relative files and #/ pointers), type, properties, patternProperties, additionalProperties, required,
/// propertyNames, minProperties, items, contains, minItems, minLength, maxLength, pattern, enum, const, minimum,
/// maximum, allOf, anyOf, oneOf, not, if/then/else. <c>format</c> is an annotation in 2020-12 and is not asserted,
/// matching Python jsonschema's default, which the data README used to check the examples.
/// </summary>
internal sealed class SchemaEvaluator(SchemaStore store)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    public bool IsValid(SchemaRef schema, JsonElement instance) => Evaluate(schema.File, schema.Schema, instance);

    private bool Evaluate(string file, JsonElement schema, JsonElement instance)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return schema.ValueKind == JsonValueKind.True;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Keyword(file, schema, keyword.Name, keyword.Value, instance))
            {
                return false;
            }
        }

        return true;
    }

    private bool Keyword(string file, JsonElement schema, string name, JsonElement value, JsonElement instance) => name switch
    {
        "$ref" => Ref(file, value.GetString()!, instance),
        "type" => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Any(t => IsType(t.GetString()!, instance)) : IsType(value.GetString()!, instance),
        "enum" => value.EnumerateArray().Any(v => JsonEquals(v, instance)),
        "const" => JsonEquals(value, instance),
        "allOf" => value.EnumerateArray().All(s => Evaluate(file, s, instance)),
        "anyOf" => value.EnumerateArray().Any(s => Evaluate(file, s, instance)),
        "oneOf" => value.EnumerateArray().Count(s => Evaluate(file, s, instance)) == 1,
        "not" => !Evaluate(file, value, instance),
        "if" => Evaluate(file, value, instance)
            ? !schema.TryGetProperty("then", out var then) || Evaluate(file, then, instance)
            : !schema.TryGetProperty("else", out var otherwise) || Evaluate(file, otherwise, instance),
        "pattern" => instance.ValueKind != JsonValueKind.String || Pattern(value.GetString()!).IsMatch(instance.GetString()!),
        "minLength" => instance.ValueKind != JsonValueKind.String || CodePoints(instance.GetString()!) >= value.GetInt32(),
        "maxLength" => instance.ValueKind != JsonValueKind.String || CodePoints(instance.GetString()!) <= value.GetInt32(),
        "minimum" => instance.ValueKind != JsonValueKind.Number || instance.GetDouble() >= value.GetDouble(),
        "maximum" => instance.ValueKind != JsonValueKind.Number || instance.GetDouble() <= value.GetDouble(),
        "minItems" => instance.ValueKind != JsonValueKind.Array || instance.GetArrayLength() >= value.GetInt32(),
        "items" => instance.ValueKind != JsonValueKind.Array || instance.EnumerateArray().All(i => Evaluate(file, value, i)),
        "contains" => instance.ValueKind != JsonValueKind.Array || instance.EnumerateArray().Any(i => Evaluate(file, value, i)),
        "required" => instance.ValueKind != JsonValueKind.Object || value.EnumerateArray().All(r => instance.TryGetProperty(r.GetString()!, out _)),
        "minProperties" => instance.ValueKind != JsonValueKind.Object || instance.EnumerateObject().Count() >= value.GetInt32(),
        "propertyNames" => instance.ValueKind != JsonValueKind.Object || instance.EnumerateObject().All(p => Evaluate(file, value, JsonString(p.Name))),
        "properties" => instance.ValueKind != JsonValueKind.Object || Properties(file, value, instance),
        "patternProperties" => instance.ValueKind != JsonValueKind.Object || PatternProperties(file, value, instance),
        "additionalProperties" => instance.ValueKind != JsonValueKind.Object || AdditionalProperties(file, schema, value, instance),
        "then" or "else" or "format" or "$schema" or "$id" or "title" or "description" or "definitions" or "$defs" or "$comment" => true,
        _ => throw new NotSupportedException($"Keyword '{name}' in {file} is not supported by this evaluator."),
    };

    private bool Ref(string file, string reference, JsonElement instance)
    {
        var target = store.Resolve(file, reference);
        return Evaluate(target.File, target.Schema, instance);
    }

    private bool Properties(string file, JsonElement properties, JsonElement instance)
    {
        foreach (var property in instance.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var schema) && !Evaluate(file, schema, property.Value))
            {
                return false;
            }
        }

        return true;
    }

    private bool PatternProperties(string file, JsonElement patterns, JsonElement instance)
    {
        foreach (var property in instance.EnumerateObject())
        {
            foreach (var pattern in patterns.EnumerateObject())
            {
                if (Pattern(pattern.Name).IsMatch(property.Name) && !Evaluate(file, pattern.Value, property.Value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // additionalProperties applies to properties that neither properties nor patternProperties of the same schema cover.
    private bool AdditionalProperties(string file, JsonElement schema, JsonElement additional, JsonElement instance)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasPatterns = schema.TryGetProperty("patternProperties", out var patterns);
        foreach (var property in instance.EnumerateObject())
        {
            var covered = (hasProperties && properties.TryGetProperty(property.Name, out _))
                || (hasPatterns && patterns.EnumerateObject().Any(p => Pattern(p.Name).IsMatch(property.Name)));
            if (!covered && !Evaluate(file, additional, property.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && double.IsInteger(instance.GetDouble()),
        _ => throw new NotSupportedException($"Type '{type}'."),
    };

    private static bool JsonEquals(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);

    private static Regex Pattern(string pattern) => Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2)));

    private static int CodePoints(string s) => s.EnumerateRunes().Count();

    private static JsonElement JsonString(string value) => JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement;
}
