using System.Text.Json;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>STIX 7.2.3: a granular marking names exactly one of marking_ref and lang, and its selectors resolve.</summary>
internal static class GranularMarkingRules
{
    public static void Check(JsonElement marking, ValidationContext context)
    {
        var hasRef = marking.TryGetProperty("marking_ref"u8, out _);
        var hasLang = marking.TryGetProperty("lang"u8, out _);
        if (hasRef == hasLang)
        {
            context.Error(StixRules.GranularMarkingTarget, "A granular marking MUST have exactly one of marking_ref and lang.");
        }

        if (!marking.TryGetProperty("selectors"u8, out var selectors) || selectors.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var selector in selectors.EnumerateArray())
        {
            if (selector.ValueKind == JsonValueKind.String)
            {
                context.Push("selectors");
                context.Push(index);
                CheckSelector(selector, context);
                context.Pop();
                context.Pop();
            }

            index++;
        }
    }

    private static void CheckSelector(JsonElement selector, ValidationContext context)
    {
        var text = JsonText.Value(selector);
        var current = context.Root;
        var first = true;
        foreach (var range in text.Split((byte)'.'))
        {
            var segment = text[range];
            if (!IsSegment(segment, first))
            {
                context.Error(StixRules.SelectorSyntax, $"Selector '{selector.GetString()}' is not dot-separated property names and [n] list indexes.");
                return;
            }

            first = false;
            if (!Step(ref current, segment))
            {
                context.Error(StixRules.SelectorUnresolved, $"Selector '{selector.GetString()}' does not point at content of this object.");
                return;
            }
        }
    }

    private static bool Step(ref JsonElement current, ReadOnlySpan<byte> segment)
    {
        if (segment[0] == '[')
        {
            if (current.ValueKind != JsonValueKind.Array || !int.TryParse(segment[1..^1], out var index) || index >= current.GetArrayLength())
            {
                return false;
            }

            current = current[index];
            return true;
        }

        return current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out current);
    }

    // The OASIS schema's selector grammar: the first segment is a property name (or "id"), later ones are keys or [n].
    private static bool IsSegment(ReadOnlySpan<byte> s, bool first)
    {
        if (s.Length >= 3 && s[0] == '[' && s[^1] == ']')
        {
            return !first && s[1..^1].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        }

        if (s.IsEmpty || s.Length > 250 || (first && s.Length < 3 && !s.SequenceEqual("id"u8)))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!StixSyntax.IsLower(c) && !StixSyntax.IsDigit(c) && c is not (byte)'_' and not (byte)'-')
            {
                return false;
            }
        }

        return true;
    }
}
