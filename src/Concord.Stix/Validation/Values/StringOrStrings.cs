using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>A string, or a non-empty list of strings (email header fields that repeat, STIX 6.6).</summary>
internal sealed class StringOrStrings : ValueSpec
{
    public static readonly StringOrStrings Instance = new();

    private static readonly ListSpec Strings = new(StringSpec.Instance);

    public override string Description => "a string or a list of strings";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            Strings.Check(value, context);
        }
        else
        {
            Expect(value, JsonValueKind.String, context);
        }
    }
}
