using System.Collections.Frozen;
using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>The rules for properties a type does not define: custom properties (STIX 11.1) and reserved names.</summary>
internal static class CustomProperties
{
    // STIX 3.8 reserves severity, username, phone_number and action on every object; the OASIS core schemas spell
    // the third one phone_numbers, so both spellings are refused.
    private static readonly FrozenSet<string> Reserved = FrozenSet.Create(StringComparer.Ordinal, "severity", "action", "username", "phone_number", "phone_numbers");
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedLookup = Reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Check(JsonProperty property, ReadOnlySpan<byte> name, bool expectPrefix, ValidationContext context)
    {
        var value = property.Value;
        if (JsonText.Contains(ReservedLookup, name))
        {
            context.ErrorAt(property.Name, StixRules.ReservedProperty, $"'{property.Name}' is reserved by STIX 2.1 (section 3.8) and MUST NOT be used.");
            return;
        }

        if (!StixSyntax.IsCustomPropertyName(name))
        {
            context.ErrorAt(property.Name, StixRules.CustomPropertyName,
                $"Custom property name '{property.Name}' MUST be 3-250 characters of a-z, 0-9 and _, starting with a letter.");
        }
        else if (expectPrefix && !name.StartsWith("x_"u8) && !HasToplevelExtension(context))
        {
            context.Add(StixSeverity.Warning, StixRules.CustomPropertyPrefix,
                $"Custom property '{property.Name}' SHOULD start with 'x_' (or be defined by a toplevel-property-extension).", property.Name);
        }

        // Suffixes carry meaning whoever defines the property (STIX 3.1): _bin is base64, _hex is hex.
        var spec = name.EndsWith("_bin"u8) ? Formats.Binary : name.EndsWith("_hex"u8) ? Formats.Hex : (ValueSpec)AnySpec.Instance;
        ObjectSpec.CheckValue(property, spec, context);
    }

    private static bool HasToplevelExtension(ValidationContext context)
    {
        if (context.HasToplevelExtension is { } known)
        {
            return known;
        }

        var found = false;
        if (context.Root.ValueKind == JsonValueKind.Object && context.Root.TryGetProperty("extensions"u8, out var extensions) && extensions.ValueKind == JsonValueKind.Object)
        {
            foreach (var extension in extensions.EnumerateObject())
            {
                found |= extension.Value.ValueKind == JsonValueKind.Object
                    && extension.Value.TryGetProperty("extension_type"u8, out var kind)
                    && kind.ValueKind == JsonValueKind.String && kind.ValueEquals("toplevel-property-extension"u8);
            }
        }

        context.HasToplevelExtension = found;
        return found;
    }
}
