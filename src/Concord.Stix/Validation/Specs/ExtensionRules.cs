using System.Text.Json;

namespace Concord.Stix.Validation.Specs;

/// <summary>Rules on an object's extensions that need the object itself, not just the extensions dictionary.</summary>
internal static class ExtensionRules
{
    /// <summary>
    /// STIX 7.3: extension definitions MUST NOT redefine standardized objects, so a standard type cannot carry a
    /// new-sdo, new-sco or new-sro extension; those only belong on the custom type they define.
    /// </summary>
    public static void NoNewObjectOnStandardType(JsonElement obj, ValidationContext context)
    {
        if (!obj.TryGetProperty("extensions"u8, out var extensions) || extensions.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var extension in extensions.EnumerateObject())
        {
            if (extension.Value.ValueKind == JsonValueKind.Object && extension.Value.TryGetProperty("extension_type"u8, out var kind)
                && kind.ValueKind == JsonValueKind.String
                && (kind.ValueEquals("new-sdo"u8) || kind.ValueEquals("new-sco"u8) || kind.ValueEquals("new-sro"u8)))
            {
                context.Push("extensions");
                context.Push(extension);
                context.ErrorAt("extension_type", StixRules.ExtensionContent,
                    $"A {kind.GetString()} extension defines a new object type; it MUST NOT be used on a standard STIX type.");
                context.Pop();
                context.Pop();
            }
        }
    }
}
