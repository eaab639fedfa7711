using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>
/// A string from a vocabulary. Closed vocabularies (enumerations) are a MUST, so other values are errors; open
/// vocabularies only say values SHOULD come from the list (STIX 10), so other values are warnings.
/// </summary>
internal sealed class VocabularySpec : ValueSpec
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public VocabularySpec(string name, bool open, params string[] values)
    {
        Name = name;
        Open = open;
        Values = FrozenSet.Create(StringComparer.Ordinal, values);
        _lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public bool Open { get; }

    public FrozenSet<string> Values { get; }

    public override string Description => $"a string from {Name}";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.String, context) || JsonText.Contains(_lookup, JsonText.Value(value)))
        {
            return;
        }

        if (Open)
        {
            context.Warning(StixRules.OpenVocabulary, $"'{value.GetString()}' is not in the open vocabulary {Name}; values SHOULD come from it.");
        }
        else
        {
            context.Error(StixRules.EnumValue, $"'{value.GetString()}' is not allowed; {Name} is one of: {string.Join(", ", Values.Order(StringComparer.Ordinal))}.");
        }
    }
}
