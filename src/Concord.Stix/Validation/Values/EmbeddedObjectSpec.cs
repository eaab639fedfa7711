using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// An object embedded in another (observed-data's deprecated <c>objects</c> dictionary, STIX 4.14): validated
/// against its own table row, exactly as a top-level object would be.
/// </summary>
internal sealed class EmbeddedObjectSpec : ValueSpec
{
    public static readonly EmbeddedObjectSpec Instance = new();

    public override string Description => "a STIX Cyber-observable Object";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (Expect(value, JsonValueKind.Object, context))
        {
            StixValidator.CheckObject(value, context, out _, out _);
        }
    }
}
