using System.Collections.Frozen;
using Concord.Observables;

namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// Which observable kinds each MISP attribute type named in <c>matching_attributes</c> stands for. Composite
/// types (<c>domain|ip</c>, <c>filename|md5</c>) apply to each of their parts, as MISP splits them.
/// </summary>
internal static class MispAttributeTypes
{
    private static readonly FrozenDictionary<string, ObservableKind[]> Kinds = new Dictionary<string, ObservableKind[]>
    {
        ["ip-src"] = Ip, ["ip-dst"] = Ip, ["ip-src|port"] = Ip, ["ip-dst|port"] = Ip,
        ["domain|ip"] = [.. Ip, ObservableKind.Domain],
        ["domain"] = [ObservableKind.Domain], ["hostname"] = [ObservableKind.Domain], ["hostname|port"] = [ObservableKind.Domain],
        ["url"] = [ObservableKind.Url], ["uri"] = [ObservableKind.Url], ["link"] = [ObservableKind.Url],
        ["email"] = [ObservableKind.Email], ["email-src"] = [ObservableKind.Email], ["email-dst"] = [ObservableKind.Email],
        ["target-email"] = [ObservableKind.Email], ["whois-registrant-email"] = [ObservableKind.Email],
        ["dns-soa-email"] = [ObservableKind.Email], ["email-reply-to"] = [ObservableKind.Email],
        ["md5"] = [ObservableKind.Md5], ["filename|md5"] = [ObservableKind.Md5], ["x509-fingerprint-md5"] = [ObservableKind.Md5],
        ["sha1"] = [ObservableKind.Sha1], ["filename|sha1"] = [ObservableKind.Sha1], ["x509-fingerprint-sha1"] = [ObservableKind.Sha1],
        ["sha256"] = [ObservableKind.Sha256], ["filename|sha256"] = [ObservableKind.Sha256], ["x509-fingerprint-sha256"] = [ObservableKind.Sha256],
        ["sha512"] = [ObservableKind.Sha512], ["filename|sha512"] = [ObservableKind.Sha512],
        ["ssdeep"] = [ObservableKind.Ssdeep], ["filename|ssdeep"] = [ObservableKind.Ssdeep],
        ["tlsh"] = [ObservableKind.Tlsh], ["filename|tlsh"] = [ObservableKind.Tlsh],
        ["mutex"] = [ObservableKind.Mutex],
        ["regkey"] = [ObservableKind.RegistryKey], ["regkey|value"] = [ObservableKind.RegistryKey],
        ["AS"] = [ObservableKind.AutonomousSystem],
        ["user-agent"] = [ObservableKind.UserAgent],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static ObservableKind[] Ip =>
        [ObservableKind.Ipv4Address, ObservableKind.Ipv4Network, ObservableKind.Ipv6Address, ObservableKind.Ipv6Network];

    /// <summary>A bit per kind the list applies to; no attributes (or <c>ALL</c>) means every kind, as in MISP.</summary>
    public static uint KindMask(IReadOnlyList<string> matchingAttributes)
    {
        if (matchingAttributes.Count == 0 || matchingAttributes.Contains("ALL", StringComparer.OrdinalIgnoreCase))
        {
            return uint.MaxValue;
        }

        var mask = 0u;
        foreach (var attribute in matchingAttributes)
        {
            foreach (var kind in Kinds.GetValueOrDefault(attribute, []))
            {
                mask |= Bit(kind);
            }
        }

        return mask;
    }

    public static uint Bit(ObservableKind kind) => 1u << (int)kind;
}
