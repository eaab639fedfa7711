using Concord.Observables.Extraction;
using Concord.Intel.Observables.Warninglists;
using Concord.Stix;

namespace Concord.Intel.Features.Correlation;

/// <summary>The index keys of one object at ingest, computed on the parsing thread so the writing thread only copies bytes.</summary>
internal static class IngestObservables
{
    /// <summary>The object types observables are extracted from; every other type has none.</summary>
    public static readonly string[] Types =
    [
        "indicator", "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "mutex",
        "windows-registry-key", "file", "artifact", "x509-certificate", "autonomous-system", "network-traffic",
    ];

    /// <summary>The distinct keys of the object's observables, or null when it has none (most SDOs and SROs).</summary>
    public static byte[][]? KeysOf(StixObject stixObject) => KeysOf(stixObject, null, out _);

    /// <summary>The keys, and how many of the observables <paramref name="lists"/> hold.</summary>
    public static byte[][]? KeysOf(StixObject stixObject, WarninglistSnapshot? lists, out int listed)
    {
        listed = 0;
        if (!Types.Contains(stixObject.Type))
        {
            return null;
        }

        var found = ObservableExtractor.Extract(stixObject).Observables;
        if (found.Count == 0)
        {
            return null;
        }

        var keys = new byte[found.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ObservableKey.Of(found[i].Observable);
            listed += lists is not null && lists.Match(found[i].Observable).Count > 0 ? 1 : 0;
        }

        return keys;
    }
}
