using System.Globalization;
using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The attribute types misp-stix maps, each to its SCOs and pattern (false: kept as x-misp-attribute instead).</summary>
internal sealed partial class MispEventConverter
{
    private bool Mapped(MispAttr a)
    {
        var v = a.Value;
        var e = Escape(v);
        switch (a.Type)
        {
            case "domain" or "hostname":
                Observe(a, [Sco("domain-name", a).Set("value", v)], () => $"[domain-name:value = '{e}']");
                return true;
            case "url" or "uri" or "link":
                Observe(a, [Sco("url", a).Set("value", v)], () => $"[url:value = '{e}']");
                return true;
            case "ip-src" or "ip-dst":
                return Ip(a, v, null);
            case "ip-src|port" or "ip-dst|port":
                return a.TrySplit(out var ip, out var port) && Ip(a, ip, port);
            case "domain|ip":
                return DomainIp(a);
            case "hostname|port":
                return HostnamePort(a);
            case "filename":
                Observe(a, [Sco("file", a).Set("name", v)], () => $"[file:name = '{e}']");
                return true;
            case "mutex":
                Observe(a, [Sco("mutex", a).Set("name", v)], () => $"[mutex:name = '{e}']");
                return true;
            case "mac-address":
                Observe(a, [Sco("mac-addr", a).Set("value", v.ToLowerInvariant())], () => $"[mac-addr:value = '{e}']");
                return true;
            case "AS":
                return AutonomousSystem(a);
            case "regkey":
                Observe(a, [Sco("windows-registry-key", a).Set("key", RegistryHive(v.Trim()))], () => $"[windows-registry-key:key = '{RegistryKey(e)}']");
                return true;
            case "regkey|value":
                return RegistryValue(a);
            case "github-username":
                Observe(a, [Sco("user-account", a).Set("account_type", "github").Set("account_login", v)],
                    () => $"[user-account:account_type = 'github' AND user-account:account_login = '{e}']");
                return true;
            case "vulnerability":
                Vulnerability(a);
                return true;
            case "campaign-name":
                Campaign(a);
                return true;
            case "attachment" when a.Data is not null:
                Attachment(a);
                return true;
            case "attachment":
                goto case "filename";
            case "malware-sample" when a.Data is not null:
                MalwareSample(a);
                return true;
            case "malware-sample":
                return FileHash(a, "md5");
            case "x509-fingerprint-md5" or "x509-fingerprint-sha1" or "x509-fingerprint-sha256":
                return X509(a);
            case "sigma" or "snort" or "suricata" or "yara":
                // misp-stix writes "[<rule>]"; the rule as written stays a valid rule of its pattern_type (difference "rule-patterns").
                Standalone(a, v, a.Type);
                return true;
            case "port" or "size-in-bytes" or "user-agent" or "http-method":
                return IndicatorOnly(a, e);
            default:
                return Email(a, v, e) || Hash(a);
        }
    }

    private static StixObj Sco(string type, MispAttr a) => new(type, Ref(type, a.Uuid));

    private void Standalone(MispAttr a, string pattern, string patternType = "stix")
    {
        var indicator = Indicator(a, pattern, standalone: true, patternType);
        Sightings(a, indicator.Id);
    }

    /// <summary>Types misp-stix turns into a pattern only: an indicator when to_ids is set, the custom object otherwise.</summary>
    private bool IndicatorOnly(MispAttr a, string e)
    {
        if (!a.ToIds)
        {
            return false;
        }

        const string Http = "network-traffic:extensions.'http-request-ext'";
        Standalone(a, a.Type switch
        {
            "port" => $"[network-traffic:dst_port = {Literal("dst_port", e)}]",
            "size-in-bytes" => $"[file:size = {Literal("size", e)}]",
            "user-agent" => $"[{Http}.request_header.'User-Agent' = '{e}']",
            _ => $"[{Http}.request_method = '{e}']",
        });
        return true;
    }

    private bool Ip(MispAttr a, string ip, string? port)
    {
        var direction = a.Type[3..6];
        var address = AddressType(ip);
        var traffic = Sco("network-traffic", a).Set(direction + "_ref", Ref(address, a.Uuid));
        if (port is not null)
        {
            if (!TryPort(a, port, out var number))
            {
                return true;
            }

            traffic.Set(direction + "_port", number);
        }

        traffic.Set("protocols", new List<object?> { "tcp" });
        var escaped = Escape(a.Value);
        Observe(a, [traffic, Sco(address, a).Set("value", ip)], () =>
        {
            var (ipText, portText) = port is null ? (escaped, null) : AttributeSplit(escaped);
            var pattern = $"network-traffic:{direction}_ref.type = '{address}' AND network-traffic:{direction}_ref.value = '{ipText}'";
            return portText is null ? $"[{pattern}]" : $"[{pattern} AND network-traffic:{direction}_port = {Literal("dst_port", portText)}]";
        });
        return true;
    }

    private bool DomainIp(MispAttr a)
    {
        if (!a.TrySplit(out var domain, out var ip))
        {
            return false;
        }

        var address = AddressType(ip);
        Observe(a, [Sco("domain-name", a).Set("value", domain).Set("resolves_to_refs", new List<object?> { Ref(address, a.Uuid) }), Sco(address, a).Set("value", ip)], () =>
        {
            var (d, i) = AttributeSplit(Escape(a.Value));
            return $"[domain-name:value = '{d}' AND domain-name:resolves_to_refs[*].value = '{i}']";
        });
        return true;
    }

    private bool HostnamePort(MispAttr a)
    {
        if (!a.TrySplit(out var hostname, out var port))
        {
            return false;
        }

        if (!TryPort(a, port, out var number))
        {
            return true;
        }

        var domain = Sco("domain-name", a).Set("value", hostname);
        var traffic = Sco("network-traffic", a).Set("dst_port", number).Set("dst_ref", domain.Id).Set("protocols", new List<object?> { "tcp" });
        Observe(a, [domain, traffic], () =>
        {
            var (h, p) = AttributeSplit(Escape(a.Value));
            return $"[domain-name:value = '{h}' AND network-traffic:dst_port = {Literal("dst_port", p)}]";
        });
        return true;
    }

    private bool AutonomousSystem(MispAttr a)
    {
        var digits = new string(a.Value.Where(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Fail(a.Origin, "misp-attribute-value", $"'{a.Value}' is not an autonomous system number.");
            return true;
        }

        Observe(a, [Sco("autonomous-system", a).Set("number", number)], () => $"[autonomous-system:number = {number}]");
        return true;
    }

    private bool RegistryValue(MispAttr a)
    {
        if (!a.TrySplit(out var key, out var data))
        {
            Standalone(a, $"[windows-registry-key:key = '{RegistryKey(Escape(a.Value))}']");
            return true;
        }

        var registry = Sco("windows-registry-key", a).Set("key", RegistryHive(key.Trim())).Set("values", new List<object?> { new StixObj().Set("data", data.Trim()) });
        Observe(a, [registry], () =>
        {
            var (k, d) = AttributeSplit(RegistryKey(Escape(a.Value)));
            return $"[windows-registry-key:key = '{k}' AND windows-registry-key:values.data = '{d.Trim()}']";
        });
        return true;
    }

    private bool TryPort(MispAttr a, string port, out long number)
    {
        if (long.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        Fail(a.Origin, "misp-attribute-value", $"the port '{port}' is not a number.");
        return false;
    }

    /// <summary>An escaped composite value split like the raw one (the escaping never adds a separator).</summary>
    private static (string Left, string Right) AttributeSplit(string escaped) =>
        MispAttr.TrySplit(escaped, out var left, out var right) ? (left, right) : (escaped, string.Empty);

    /// <summary>misp-stix's registry key in a pattern: a bare % escaped, so the pattern does not read it as a wildcard.</summary>
    private static string RegistryKey(string escaped)
    {
        var key = escaped.Trim();
        if (key.Contains('%', StringComparison.Ordinal) && !key.Contains("\\\\%", StringComparison.Ordinal))
        {
            key = key.Contains("\\%", StringComparison.Ordinal) ? key.Replace("\\%", "\\\\%", StringComparison.Ordinal) : key.Replace("%", "\\\\%", StringComparison.Ordinal);
        }

        return key;
    }
}
