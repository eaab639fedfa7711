using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>How an object shape treats properties it does not list.</summary>
internal enum UnknownProperties
{
    /// <summary>Accepted as they are (nested types such as kill-chain phases, which the schemas leave open).</summary>
    Allow,

    /// <summary>Custom properties of a STIX object: MUST rules on the name, SHOULD start with <c>x_</c>.</summary>
    Custom,

    /// <summary>Properties of a custom object type: their names follow the MUST rules, no prefix is expected.</summary>
    CustomObject,
}

/// <summary>
/// An object shape: the table of its properties and the rules over them. Validation makes one pass over the
/// object's properties, looking each name up in a frozen dictionary and recording presence in a bit mask, so
/// required-property checks need no second lookup.
/// </summary>
internal sealed class ObjectSpec : ValueSpec
{
    private readonly FrozenDictionary<string, (PropertySpec Spec, int Bit)> _properties;
    private readonly FrozenDictionary<string, (PropertySpec Spec, int Bit)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly PropertySpec[] _required;
    private readonly ulong _requiredMask;

    public ObjectSpec(string name, IEnumerable<PropertySpec> properties, UnknownProperties unknown = UnknownProperties.Allow, params ObjectRule[] rules)
    {
        Name = name;
        Unknown = unknown;
        Rules = rules;
        // A later entry replaces an earlier one of the same name, so a row can tighten a common property
        // (extension-definition makes created_by_ref required) without copying the common list.
        var list = properties.GroupBy(p => p.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (list.Count > 64)
        {
            throw new ArgumentException($"{name} lists {list.Count} properties; the presence mask holds 64.", nameof(properties));
        }

        _properties = list.Select((p, i) => KeyValuePair.Create(p.Name, (p, i))).ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _properties.GetAlternateLookup<ReadOnlySpan<char>>();
        _required = [.. list.Where(p => p.Required)];
        _requiredMask = list.Select((p, i) => p.Required ? 1UL << i : 0).Aggregate(0UL, (a, b) => a | b);
    }

    public string Name { get; }

    public UnknownProperties Unknown { get; }

    public ObjectRule[] Rules { get; }

    public override string Description => Name;

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Object, context))
        {
            return;
        }

        var seen = 0UL;
        foreach (var property in value.EnumerateObject())
        {
            var name = JsonText.Name(property);
            if (JsonText.TryGet(_lookup, name, out var entry))
            {
                seen |= 1UL << entry.Bit;
                CheckValue(entry.Spec.Name, entry.Spec.Value, property.Value, context);
            }
            else if (Unknown != UnknownProperties.Allow)
            {
                CustomProperties.Check(property, name, Unknown == UnknownProperties.Custom, context);
            }
        }

        if ((seen & _requiredMask) != _requiredMask)
        {
            foreach (var required in _required)
            {
                if (!_lookup.TryGetValue(required.Name, out var entry) || (seen & (1UL << entry.Bit)) == 0)
                {
                    context.ErrorAt(required.Name, StixRules.Required, $"{Name} requires the property '{required.Name}'.");
                }
            }
        }

        foreach (var rule in Rules)
        {
            rule(value, context);
        }
    }

    internal static void CheckValue(string name, ValueSpec spec, JsonElement value, ValidationContext context)
    {
        context.Push(name);
        CheckPushed(spec, value, context);
    }

    internal static void CheckValue(JsonProperty property, ValueSpec spec, ValidationContext context)
    {
        context.Push(property);
        CheckPushed(spec, property.Value, context);
    }

    private static void CheckPushed(ValueSpec spec, JsonElement value, ValidationContext context)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            context.Error(StixRules.PropertyType, $"Expected {spec.Description}, found null; omit a property instead of setting it to null.");
        }
        else
        {
            spec.Check(value, context);
        }

        context.Pop();
    }
}
