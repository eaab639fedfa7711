using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>What a property's value must look like, and the check that enforces it (one instance per shape, shared).</summary>
internal abstract class ValueSpec
{
    /// <summary>A short noun phrase for messages, e.g. "a timestamp".</summary>
    public abstract string Description { get; }

    /// <summary>Checks <paramref name="value"/> (never JSON null: the caller reports that) at the context's current path.</summary>
    public abstract void Check(JsonElement value, ValidationContext context);

    /// <summary>Reports a JSON type mismatch and returns false when <paramref name="value"/> is not of <paramref name="kind"/>.</summary>
    protected bool Expect(JsonElement value, JsonValueKind kind, ValidationContext context)
    {
        if (value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            return true;
        }

        context.Error(StixRules.PropertyType, $"Expected {Description}, found {Describe(value.ValueKind)}.");
        return false;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
