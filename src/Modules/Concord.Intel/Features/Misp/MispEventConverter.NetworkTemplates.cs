using System.Globalization;
using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The network object templates: domain-ip, ip-port, network-connection.</summary>
internal sealed partial class MispEventConverter
{
    private bool DomainIpObject(MispObj o)
    {
        var all = o.ByRelation();
        if (!all.ContainsKey("domain") && !all.ContainsKey("hostname"))
        {
            return false;
        }

        var standard = all.Keys.All(k => k is "domain" or "hostname" or "ip");
        List<StixObj> observables = [];
        List<object?> resolves = [];
        foreach (var ip in all.GetValueOrDefault("ip", []))
        {
            var address = new StixObj(AddressType(ip.Value), Ref(AddressType(ip.Value), ip.Uuid)).Set("value", ip.Value);
            observables.Add(address);
            resolves.Add(address.Id);
        }

        if (standard)
        {
            foreach (var domain in all.GetValueOrDefault("hostname", []).Take(1).Concat(all.GetValueOrDefault("domain", [])))
            {
                observables.Add(new StixObj("domain-name", Ref("domain-name", domain.Uuid)).Set("value", domain.Value).Set("resolves_to_refs", new List<object?>(resolves)));
            }
        }
        else
        {
            var values = Values(all, escaped: false);
            values.Remove("ip");
            var domain = new StixObj("domain-name", Ref("domain-name", o.Uuid)).Set("resolves_to_refs", resolves);
            domain.Set("value", Take(values, "domain") ?? Take(values, "hostname"));
            Rest(domain, values);
            observables.Insert(0, domain);
        }

        ObserveObject(o, observables, () =>
        {
            var values = Values(o.ForPattern(), escaped: true);
            var both = values.ContainsKey("domain") && values.ContainsKey("hostname");
            List<string> pattern = [.. TakeAll(values, "domain").Select(v => $"domain-name:value = '{v}'")];
            pattern.AddRange(TakeAll(values, "hostname").Select(v => both ? $"domain-name:x_misp_hostname = '{v}'" : $"domain-name:value = '{v}'"));
            pattern.AddRange(TakeAll(values, "ip").Select(v => $"domain-name:resolves_to_refs[*].value = '{v}'"));
            pattern.AddRange(RestPattern("domain-name", values));
            return pattern;
        });
        return true;
    }

    private bool IpPortObject(MispObj o)
    {
        var all = o.ByRelation();
        var traffic = new StixObj("network-traffic", Ref("network-traffic", o.Uuid));
        List<StixObj> observables = [traffic];
        var protocols = new List<object?>();
        var values = Values(all, escaped: false);
        foreach (var feature in new[] { "ip-src", "ip-dst", "ip" })
        {
            var reference = feature == "ip-src" ? "src_ref" : "dst_ref";
            if (traffic.Has(reference) || !all.TryGetValue(feature, out var ips))
            {
                continue;
            }

            var ip = ips[0];
            Take(values, feature);
            var type = AddressType(ip.Value);
            var address = new StixObj(type, Ref(type, ip.Uuid)).Set("value", ip.Value);
            observables.Add(address);
            traffic.Set(reference, address.Id);
            AddOnce(protocols, type[..type.IndexOf('-', StringComparison.Ordinal)]);
        }

        foreach (var (relation, property) in new[] { ("dst-port", "dst_port"), ("src-port", "src_port") })
        {
            if (Take(values, relation) is { } port && long.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                traffic.Set(property, number);
            }
        }

        if (TakeLast(values, "protocol") is { } protocol)
        {
            AddOnce(protocols, protocol);
        }

        traffic.Set("protocols", protocols.Count > 0 ? protocols : new List<object?> { "tcp" });
        foreach (var (relation, property) in new[] { ("first-seen", "start"), ("last-seen", "end") })
        {
            if (TakeLast(values, relation) is { } time && MispTime.TryIso(time, out var parsed))
            {
                traffic.Set(property, MispTime.Exact(parsed));
            }
        }

        Rest(traffic, values);
        ObserveObject(o, observables, () =>
        {
            var forPattern = Values(o.ForPattern(), escaped: true);
            List<string> pattern = [];
            foreach (var (relation, direction) in new[] { ("ip", "dst"), ("ip-src", "src"), ("ip-dst", "dst") })
            {
                pattern.AddRange(TakeAll(forPattern, relation).Select(v => $"(network-traffic:{direction}_ref.type = '{AddressType(v)}' AND network-traffic:{direction}_ref.value = '{v}')"));
            }

            foreach (var relation in new[] { "domain", "hostname" })
            {
                pattern.AddRange(TakeAll(forPattern, relation).Select(v => $"(network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = '{v}')"));
            }

            foreach (var (relation, property) in new[] { ("dst-port", "dst_port"), ("src-port", "src_port"), ("first-seen", "start"), ("last-seen", "end") })
            {
                pattern.AddRange(TakeAll(forPattern, relation).Select(v => $"network-traffic:{property} = {Literal(property, v)}"));
            }

            pattern.AddRange(RestPattern("network-traffic", forPattern));
            return pattern;
        });
        return true;
    }

    private bool NetworkConnectionObject(MispObj o)
    {
        var all = o.ByRelation();
        var values = Values(all, escaped: false);
        var traffic = new StixObj("network-traffic", Ref("network-traffic", o.Uuid));
        List<StixObj> observables = [traffic];
        foreach (var side in new[] { "src", "dst" })
        {
            if (all.TryGetValue($"ip-{side}", out var ips))
            {
                var ip = ips[^1];
                values.Remove($"ip-{side}");
                var type = AddressType(ip.Value);
                observables.Add(new StixObj(type, Ref(type, ip.Uuid)).Set("value", ip.Value));
                traffic.Set($"{side}_ref", Ref(type, ip.Uuid));
            }
            else if (all.TryGetValue($"hostname-{side}", out var hosts))
            {
                var host = hosts[^1];
                values.Remove($"hostname-{side}");
                observables.Add(new StixObj("domain-name", Ref("domain-name", host.Uuid)).Set("value", host.Value));
                traffic.Set($"{side}_ref", Ref("domain-name", host.Uuid));
            }
        }

        foreach (var (relation, property) in new[] { ("dst-port", "dst_port"), ("first-packet-seen", "start"), ("src-port", "src_port") })
        {
            if (TakeLast(values, relation) is { } value)
            {
                traffic.Set(property, property == "start" ? Time(value) : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : value);
            }
        }

        var protocols = new[] { "layer3-protocol", "layer4-protocol", "layer7-protocol" }.Select(p => TakeLast(values, p)).OfType<string>().Select(p => (object?)p.ToLowerInvariant()).ToList();
        traffic.Set("protocols", protocols.Count > 0 ? protocols : new List<object?> { "tcp" });
        Rest(traffic, values.ToDictionary(p => p.Key, p => new List<string> { p.Value[^1] }));
        ObserveObject(o, observables, () =>
        {
            var forPattern = Values(o.ForPattern(), escaped: true);
            List<string> pattern = [];
            foreach (var side in new[] { "src", "dst" })
            {
                var reference = $"network-traffic:{side}_ref";
                if (TakeLast(forPattern, $"ip-{side}") is { } ip)
                {
                    pattern.Add($"({reference}.type = '{AddressType(ip)}' AND {reference}.value = '{ip}')");
                }

                if (TakeLast(forPattern, $"hostname-{side}") is { } host)
                {
                    pattern.Add($"({reference}.type = 'domain-name' AND {reference}.value = '{host}')");
                }
            }

            foreach (var (relation, property) in new[] { ("dst-port", "dst_port"), ("first-packet-seen", "start"), ("src-port", "src_port") })
            {
                if (TakeLast(forPattern, relation) is { } value)
                {
                    pattern.Add($"network-traffic:{property} = {Literal(property, value)}");
                }
            }

            var index = 0;
            foreach (var key in new[] { "layer3-protocol", "layer4-protocol", "layer7-protocol" })
            {
                if (TakeLast(forPattern, key) is { } protocol)
                {
                    pattern.Add($"network-traffic:protocols[{index++}] = '{protocol.ToLowerInvariant()}'");
                }
            }

            pattern.AddRange(forPattern.Select(p => $"network-traffic:{MispStix.CustomProperty(p.Key)} = '{p.Value[^1]}'"));
            return pattern;
        });
        return true;
    }

    private static string Time(string value) => MispTime.TryIso(value, out var time) ? MispTime.Exact(time) : value;

    private static void AddOnce(List<object?> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
