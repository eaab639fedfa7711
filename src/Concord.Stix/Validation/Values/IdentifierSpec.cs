using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>An identifier (<c>type--UUID</c>) whose type is one the property allows.</summary>
internal sealed class IdentifierSpec(RefTargets targets) : ValueSpec
{
    public static readonly IdentifierSpec Any = new(RefTargets.Any);

    public override string Description => $"an identifier of {targets.Description}";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.String, context))
        {
            return;
        }

        var id = JsonText.Value(value);
        if (!StixSyntax.TrySplitIdentifier(id, out var type))
        {
            context.Error(StixRules.IdentifierFormat, $"'{value.GetString()}' is not an identifier (type--UUID, RFC 4122 UUID).");
        }
        else if (!targets.Allows(type))
        {
            context.Error(StixRules.ReferenceType, $"'{value.GetString()}' must reference {targets.Description}.");
        }
    }
}
