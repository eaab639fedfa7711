using System.Globalization;
using System.Text;
using Concord.Stix;

namespace Concord.Intel.Features.Export.Defender;

/// <summary>Which engine's rule syntax to write.</summary>
internal enum RuleDialect
{
    /// <summary>Suricata 7: sticky buffers (<c>dns.query</c>, <c>http.host</c>, <c>http.uri</c>, <c>ja3.hash</c>).</summary>
    Suricata,

    /// <summary>Snort 2.9: content on the DNS wire format and <c>http_uri</c>/<c>http_header</c> modifiers; no JA3.</summary>
    Snort,
}

/// <summary>
/// One rule per value an indicator asserts (docs/exports.md shows each shape). Hash indicators get no rule in either
/// dialect: both engines match file hashes only against list files on the sensor (Suricata's <c>filemd5</c>…), which
/// the <c>hashes</c> list feeds. URLs get a rule only for <c>http://</c>: over HTTPS the path is encrypted.
/// </summary>
internal sealed class RuleWriter(RuleDialect dialect, Uri? links)
{
    private readonly SidAllocator _sids = new();

    /// <summary>The rule for <paramref name="value"/>, or null when this dialect has none for it.</summary>
    public string? Rule(IndicatorEntry indicator, IndicatorValue value, Tlp tlp)
    {
        var match = Match(value);
        if (match is null)
        {
            return null;
        }

        var sid = _sids.Next(indicator.Id, value);
        var builder = new StringBuilder(256).Append(match.Value.Header).Append(" (msg:\"")
            .Append(RuleText.Message($"Concord {Describe(value.Kind)} {indicator.Name ?? value.Text} ({indicator.Id})")).Append("\"; ")
            .Append(match.Value.Options);
        if (links is not null)
        {
            // reference:url takes the address without its scheme (reference.config prefixes http://).
            builder.Append("reference:url,").Append(links.Authority).Append(links.AbsolutePath.TrimEnd('/')).Append("/intel/objects/").Append(indicator.Id).Append("; ");
        }

        // No score here: it decays by the minute, and a rule set that changes when nothing was added would defeat ETags and
        // rule-update tools alike. Pull with min-score to choose by score.
        builder.Append("metadata:concord_id ").Append(indicator.Id).Append(", tlp ").Append(Distribution(tlp));
        return builder.Append("; sid:").Append(sid.ToString(CultureInfo.InvariantCulture)).Append("; rev:1;)").ToString();
    }

    private (string Header, string Options)? Match(IndicatorValue value) => (value.Kind, dialect) switch
    {
        (IndicatorValueKind.Ip, _) => ($"alert ip any any <> [{value.Text}] any", ""),
        (IndicatorValueKind.Domain, RuleDialect.Suricata) =>
            ("alert dns any any -> any any", $"dns.query; dotprefix; content:\"{RuleText.Content("." + value.Text)}\"; nocase; endswith; "),
        (IndicatorValueKind.Domain, RuleDialect.Snort) =>
            ("alert udp $HOME_NET any -> any 53", $"content:\"{RuleText.Content(WireName(value.Text))}\"; nocase; "),
        (IndicatorValueKind.Url, _) when Uri.TryCreate(value.Text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp => dialect == RuleDialect.Suricata
            ? ("alert http $HOME_NET any -> any any",
                $"flow:established,to_server; http.host; content:\"{RuleText.Content(url.IdnHost)}\"; startswith; endswith; http.uri; content:\"{RuleText.Content(url.PathAndQuery)}\"; startswith; endswith; ")
            : ("alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS",
                $"flow:established,to_server; content:\"{RuleText.Content(url.PathAndQuery)}\"; http_uri; content:\"{RuleText.Content("Host: " + url.IdnHost + "\r\n")}\"; http_header; nocase; "),
        (IndicatorValueKind.Ja3, RuleDialect.Suricata) => ("alert tls any any -> any any", $"ja3.hash; content:\"{value.Text}\"; "),
        _ => null,
    };

    /// <summary>A domain as it travels in a DNS query: each label after its length byte. Subdomains contain it too.</summary>
    private static byte[] WireName(string domain)
    {
        var bytes = new List<byte>(domain.Length + 2);
        foreach (var label in domain.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private static string Describe(IndicatorValueKind kind) => kind switch
    {
        IndicatorValueKind.Ip => "IP",
        IndicatorValueKind.Domain => "domain",
        IndicatorValueKind.Url => "URL",
        IndicatorValueKind.Hash => "hash",
        IndicatorValueKind.Ja3 => "JA3",
    };

    private static string Distribution(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "clear",
        Tlp.Green => "green",
        Tlp.Amber => "amber",
        Tlp.AmberStrict => "amber_strict",
        Tlp.Red => "red",
    };
}
