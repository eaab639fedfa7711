using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>A STIX dictionary: a non-empty JSON object whose keys follow STIX 3.1 and whose values match <see cref="Values"/>.</summary>
internal sealed class DictionarySpec(ValueSpec values) : ValueSpec
{
    public static readonly DictionarySpec Any = new(AnySpec.Instance);

    public ValueSpec Values { get; } = values;

    public override string Description => "a dictionary";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Object, context))
        {
            return;
        }

        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (!StixSyntax.IsDictionaryKey(JsonText.Name(property)))
            {
                context.ErrorAt(property.Name, StixRules.DictionaryKey, $"Dictionary key '{property.Name}' MUST be at most 250 characters of a-z, A-Z, 0-9, _ and -.");
            }

            ObjectSpec.CheckValue(property, Values, context);
        }

        if (count == 0)
        {
            context.Error(StixRules.EmptyDictionary, "A dictionary MUST have at least one key.");
        }
    }
}
