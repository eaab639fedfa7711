using System.Collections.Frozen;
using System.Text.Json;
using Concord.Stix.Validation.Values;

namespace Concord.Stix.Validation.Specs;

/// <summary>The one table the validator is driven by: every STIX 2.1 object type and its shape.</summary>
internal static class TypeTable
{
    public static readonly FrozenDictionary<string, ObjectSpec> Types =
        DomainObjects.All().Concat(Observables.All()).Concat(MetaObjects.All()).ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ObjectSpec>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Types.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The table row for a standard type (or the bundle envelope); false for custom and unknown types.</summary>
    public static bool TryGet(ReadOnlySpan<byte> type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectSpec? spec) =>
        JsonText.TryGet(Lookup, type, out spec);

    /// <summary>
    /// The shape for a type the table does not know: a custom SCO when the object has no <c>created</c> but carries
    /// extensions (the new-sco form of STIX 7.3), otherwise a custom SDO (STIX 11.2).
    /// </summary>
    public static ObjectSpec Custom(JsonElement obj) =>
        !obj.TryGetProperty("created"u8, out _) && obj.TryGetProperty("extensions"u8, out _)
            ? Observables.CustomObservable
            : DomainObjects.CustomDomainObject;
}
