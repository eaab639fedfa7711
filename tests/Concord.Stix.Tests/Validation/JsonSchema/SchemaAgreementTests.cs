using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Stix.Validation;
using Concord.Testing;

namespace Concord.Stix.Tests.Validation.JsonSchema;

public class SchemaAgreementTests
{
    private static readonly Lazy<StixSchemas> Schemas = new(() => new StixSchemas(SharedData.Path("stix2.1", "schemas")));

    [Fact]
    public void SchemaEvaluator_EveryExampleObject_IsAccepted()
    {
        var rejected = ExampleObjects().Where(o => !Schemas.Value.IsValid(Element(o))).Select(o => (string?)o["id"]).ToList();
        Assert.True(rejected.Count == 0, "The schemas reject: " + string.Join(", ", rejected));
    }

    [Fact]
    public void Validate_ExamplesAndMutations_AgreeWithOasisSchemasOnSchemaLevelRules()
    {
        var disagreements = new List<string>();
        var checkedCount = 0;
        foreach (var original in ExampleObjects())
        {
            foreach (var (description, mutated) in Mutations.Of(original))
            {
                checkedCount++;
                var element = Element(mutated);
                var schemaValid = Schemas.Value.IsValid(element);
                var result = StixValidator.Validate(element);
                var schemaErrors = result.Errors.Where(e => StixRules.IsSchemaLevel(e.Rule)).ToList();
                if (schemaValid == (schemaErrors.Count == 0) || KnownDisagreements.Explains(description, mutated, schemaValid, result))
                {
                    continue;
                }

                disagreements.Add($"{original["type"]} {description}: schema {(schemaValid ? "accepts" : "rejects")}, validator " +
                    (schemaErrors.Count == 0 ? "has no schema-level error" : string.Join("; ", schemaErrors.Select(e => $"{e.Rule} at {e.Path}"))));
            }
        }

        Assert.True(checkedCount > 1000, $"Only {checkedCount} cases.");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {checkedCount} disagree:\n" + string.Join("\n", disagreements.Distinct().Take(80)));
    }

    internal static IEnumerable<JsonObject> ExampleObjects()
    {
        // Hand-written objects (from the specification's examples) for the types and extensions the bundles lack.
        foreach (var obj in JsonNode.Parse(ExtraObjects.Json)!.AsArray())
        {
            yield return obj!.AsObject();
        }

        // A slice of ATT&CK ICS adds custom x-mitre types and properties to the OASIS examples.
        var ics = JsonNode.Parse(File.ReadAllBytes(SharedData.Path("attack", "ics-attack-18.1.json")))!["objects"]!.AsArray();
        foreach (var group in ics.Select(o => o!.AsObject()).GroupBy(o => (string?)o["type"]))
        {
            foreach (var obj in group.Take(15))
            {
                yield return obj;
            }
        }

        foreach (var folder in new[] { "examples", "examples-cti-documentation" })
        {
            foreach (var file in Directory.GetFiles(SharedData.Path("stix2.1", folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var root = JsonNode.Parse(File.ReadAllBytes(file))!.AsObject();
                foreach (var obj in root["objects"]?.AsArray() ?? [root])
                {
                    yield return obj!.AsObject();
                }
            }
        }
    }

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
