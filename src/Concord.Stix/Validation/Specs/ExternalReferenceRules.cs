using System.Text.Json;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>STIX 2.5: what an external reference must carry, and the id formats of the capec and cve sources.</summary>
internal static class ExternalReferenceRules
{
    public static void Check(JsonElement reference, ValidationContext context)
    {
        if (!reference.TryGetProperty("description"u8, out _) && !reference.TryGetProperty("url"u8, out _) && !reference.TryGetProperty("external_id"u8, out _))
        {
            context.Error(StixRules.ExternalReferenceContent, "An external reference MUST have at least one of description, url and external_id.");
        }

        if (!reference.TryGetProperty("source_name"u8, out var source) || source.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var isCapec = source.ValueEquals("capec"u8);
        if (!isCapec && !source.ValueEquals("cve"u8))
        {
            return;
        }

        var ok = reference.TryGetProperty("external_id"u8, out var id) && id.ValueKind == JsonValueKind.String
            && (isCapec ? IsCapec(JsonText.Value(id)) : IsCve(JsonText.Value(id)));
        if (!ok)
        {
            context.ErrorAt("external_id", StixRules.ExternalIdFormat, isCapec
                ? "A capec external reference MUST have an external_id of the form CAPEC-<digits>."
                : "A cve external reference MUST have an external_id of the form CVE-<year>-<number>.");
        }
    }

    private static bool IsCapec(ReadOnlySpan<byte> s) => s.StartsWith("CAPEC-"u8) && AllDigits(s[6..], 1);

    // CVE numbering: a 4-digit year, then 4 digits, or more digits without a leading zero (as the OASIS schema writes it).
    private static bool IsCve(ReadOnlySpan<byte> s)
    {
        if (!s.StartsWith("CVE-"u8) || s.Length < 13 || s[8] != '-' || !AllDigits(s[4..8], 4))
        {
            return false;
        }

        var number = s[9..];
        return AllDigits(number, 4) && (number.Length == 4 || number[0] != '0');
    }

    private static bool AllDigits(ReadOnlySpan<byte> s, int min) => s.Length >= min && s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
