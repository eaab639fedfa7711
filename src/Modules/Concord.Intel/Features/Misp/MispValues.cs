using System.Globalization;
using Concord.Observables;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// The values of the attribute types Concord correlates on, checked as MISP itself checks them when an attribute is saved
/// (PyMISP's validation): an IP address that is not one, a domain, e-mail address or hash that cannot be, a port out of
/// range. Such an attribute is rejected whole, naming the event and the attribute, instead of leaving some of its STIX
/// objects stored and others refused.
/// </summary>
internal static class MispValues
{
    public static string? Problem(MispAttr a)
    {
        var type = a.Type;
        var (left, right) = a.TrySplit(out var l, out var r) ? (l, r) : (a.Value, string.Empty);
        return type switch
        {
            "ip-src" or "ip-dst" => Ip(a.Value),
            "ip-src|port" or "ip-dst|port" => Ip(left) ?? Port(right),
            "domain|ip" => Kind(ObservableKind.Domain, left) ?? Ip(right),
            "hostname|port" => Kind(ObservableKind.Domain, left) ?? Port(right),
            "domain" or "hostname" => Kind(ObservableKind.Domain, a.Value),
            "email" or "email-src" or "email-dst" => Kind(ObservableKind.Email, a.Value),
            "port" => Port(a.Value),
            _ when Digest(type) is { } kind => Kind(kind, a.Value),
            _ when type.StartsWith("filename|", StringComparison.Ordinal) && Digest(type[9..]) is { } kind && right.Length > 0 => Kind(kind, right),
            _ => null,
        };
    }

    private static ObservableKind? Digest(string type) => type switch
    {
        "md5" => ObservableKind.Md5,
        "sha1" => ObservableKind.Sha1,
        "sha256" => ObservableKind.Sha256,
        "sha512" => ObservableKind.Sha512,
        _ => null,
    };

    private static string? Ip(string value) =>
        IpText.TryParseNetwork(value.Trim(), out _, out var reason) ? null : $"'{MispText.Short(value)}' is not an IP address or network: {reason}.";

    private static string? Port(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? null : $"'{MispText.Short(value)}' is not a port (0-65535).";

    private static string? Kind(ObservableKind kind, string value) =>
        Observable.Parse(kind, value) is { IsSuccess: false } failed ? $"'{MispText.Short(value)}' is not a valid {kind.Name()}: {failed.Error!.Message}" : null;
}
