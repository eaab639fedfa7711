using System.Text.Json;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>Factories for the cross-property rules the type tables attach to object shapes.</summary>
internal static class Rules
{
    /// <summary><paramref name="later"/> MUST NOT be before <paramref name="earlier"/> (or MUST be after it, when strict).</summary>
    public static ObjectRule Ordered(string earlier, string later, bool strict = false) => (obj, context) =>
    {
        if (TryTimestamp(obj, earlier, out var first) && TryTimestamp(obj, later, out var second) && (strict ? second <= first : second < first))
        {
            context.ErrorAt(later, StixRules.TimestampOrder, strict
                ? $"'{later}' ({second}) MUST be later than '{earlier}' ({first})."
                : $"'{later}' ({second}) MUST NOT be earlier than '{earlier}' ({first}).");
        }
    };

    /// <summary>Exactly one of the properties is present.</summary>
    public static ObjectRule ExactlyOne(params string[] names) => (obj, context) =>
    {
        if (Count(obj, names) != 1)
        {
            context.Error(StixRules.PropertyCombination, $"Exactly one of {string.Join(", ", names)} MUST be present.");
        }
    };

    /// <summary>At least one of the properties is present.</summary>
    public static ObjectRule AtLeastOne(params string[] names) => (obj, context) =>
    {
        if (Count(obj, names) == 0)
        {
            context.Error(StixRules.PropertyCombination, $"At least one of {string.Join(", ", names)} MUST be present.");
        }
    };

    /// <summary>When <paramref name="name"/> is present, every one of <paramref name="needs"/> is too.</summary>
    public static ObjectRule Requires(string name, params string[] needs) => (obj, context) =>
    {
        if (obj.TryGetProperty(name, out _) && Count(obj, needs) != needs.Length)
        {
            context.Error(StixRules.PropertyCombination, $"'{name}' MUST only be used together with {string.Join(" and ", needs)}.");
        }
    };

    /// <summary>The two properties are never both present.</summary>
    public static ObjectRule Excludes(string name, string other) => (obj, context) =>
    {
        if (obj.TryGetProperty(name, out _) && obj.TryGetProperty(other, out _))
        {
            context.Error(StixRules.PropertyCombination, $"'{name}' and '{other}' MUST NOT both be present.");
        }
    };

    /// <summary>When the boolean <paramref name="flag"/> has <paramref name="when"/>, apply <paramref name="then"/>.</summary>
    public static ObjectRule When(string flag, bool when, ObjectRule then) => (obj, context) =>
    {
        if (obj.TryGetProperty(flag, out var value) && value.ValueKind == (when ? JsonValueKind.True : JsonValueKind.False))
        {
            then(obj, context);
        }
    };

    /// <summary>The property MUST be present (used under <see cref="When"/>).</summary>
    public static ObjectRule Present(string name, string reason) => (obj, context) =>
    {
        if (!obj.TryGetProperty(name, out _))
        {
            context.ErrorAt(name, StixRules.Required, $"'{name}' is required {reason}.");
        }
    };

    /// <summary>The property MUST NOT be present (used under <see cref="When"/>).</summary>
    public static ObjectRule Absent(string name, string reason) => (obj, context) =>
    {
        if (obj.TryGetProperty(name, out _))
        {
            context.ErrorAt(name, StixRules.PropertyCombination, $"'{name}' MUST NOT be present {reason}.");
        }
    };

    public static bool TryTimestamp(JsonElement obj, string name, out StixTimestamp timestamp)
    {
        timestamp = default;
        return obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && StixTimestamp.TryParse(JsonText.Value(value), out timestamp);
    }

    private static int Count(JsonElement obj, string[] names)
    {
        var count = 0;
        foreach (var name in names)
        {
            count += obj.TryGetProperty(name, out _) ? 1 : 0;
        }

        return count;
    }
}
