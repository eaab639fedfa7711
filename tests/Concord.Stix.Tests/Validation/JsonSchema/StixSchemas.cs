using System.Text.Json;

namespace Concord.Stix.Tests.Validation.JsonSchema;

/// <summary>Picks the OASIS schema file for a STIX object, as the OASIS bundle schema does.</summary>
internal sealed class StixSchemas(string root)
{
    private readonly SchemaStore _store = new(root);

    public bool IsValid(JsonElement obj) => new SchemaEvaluator(_store).IsValid(_store.Load(SchemaFile(obj)), obj);

    private static string SchemaFile(JsonElement obj)
    {
        var type = obj.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
        return type switch
        {
            "marking-definition" or "language-content" or "extension-definition" => $"common/{type}.json",
            _ when StixTypes.DomainObjects.Contains(type) => $"sdos/{type}.json",
            _ when StixTypes.RelationshipObjects.Contains(type) => $"sros/{type}.json",
            _ when StixTypes.CyberObservables.Contains(type) => $"observables/{type}.json",

            // Custom types: the bundle schema's "oneOf core / cyber-observable-core"; created tells which one applies.
            _ when obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("created", out _) => "common/core.json",
            _ => "common/cyber-observable-core.json",
        };
    }
}
