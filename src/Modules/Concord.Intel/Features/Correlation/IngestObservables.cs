using Concord.Intel.Observables.Extraction;
using Concord.Intel.Observables.Warninglists;
using Concord.Stix;

namespace Concord.Intel.Features.Correlation;

/// <summary>The index keys of one object at ingest, computed on the parsing thread so the writing thread only copies bytes.</summary>
internal static class IngestObservables
{
    /// <summary>The distinct keys of the object's observables, or null when it has none (most SDOs and SROs).</summary>
    public static byte[][]? KeysOf(StixObject stixObject) => KeysOf(stixObject, null, out _);

    /// <summary>The keys, and how many of the observables <paramref name="lists"/> hold.</summary>
    public static byte[][]? KeysOf(StixObject stixObject, WarninglistSnapshot? lists, out int listed)
    {
        listed = 0;
        if (stixObject.Type is not ("indicator" or "ipv4-addr" or "ipv6-addr" or "domain-name" or "url" or "email-addr" or "mutex"
            or "windows-registry-key" or "file" or "artifact" or "x509-certificate" or "autonomous-system" or "network-traffic"))
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
