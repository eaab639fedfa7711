using System.Globalization;
using static Concord.Intel.Features.Misp.MispStix;

namespace Concord.Intel.Features.Misp;

/// <summary>The url, mutex, registry-key and asn object templates.</summary>
internal sealed partial class MispEventConverter
{
    private bool UrlObject(MispObj o) => Simple(o, "url", "url", "value");

    private bool MutexObject(MispObj o) => Simple(o, "mutex", "name", "name");

    /// <summary>A template whose one main relation is one property of one SCO; its other relations become x_misp_ properties.</summary>
    private bool Simple(MispObj o, string type, string relation, string property)
    {
        var values = Values(o.ByRelation(), escaped: false);
        var sco = new StixObj(type, Ref(type, o.Uuid)).SetText(property, TakeLast(values, relation));
        foreach (var key in values.Keys.ToList())
        {
            values[key] = [values[key][^1]];
        }

        Rest(sco, values);
        ObserveObject(o, [sco], () =>
        {
            var forPattern = Values(o.ForPattern(), escaped: true);
            List<string> pattern = [];
            if (TakeLast(forPattern, relation) is { } main)
            {
                pattern.Add($"{type}:{property} = '{main}'");
            }

            pattern.AddRange(forPattern.Select(p => $"{type}:{MispStix.CustomProperty(p.Key)} = '{p.Value[^1]}'"));
            return pattern;
        });
        return true;
    }

    private bool RegistryKeyObject(MispObj o)
    {
        var values = Values(o.ByRelation(), escaped: false).ToDictionary(p => p.Key, p => new List<string> { p.Value[^1] });
        var key = new StixObj("windows-registry-key", Ref("windows-registry-key", o.Uuid)).SetText("key", Take(values, "key") is { } k ? RegistryHive(k) : null);
        if (Take(values, "last-modified") is { } modified)
        {
            key.Set("modified_time", modified.EndsWith('Z') ? modified : modified + "Z");
        }

        var value = new StixObj();
        foreach (var (relation, property) in new[] { ("data-type", "data_type"), ("name", "name"), ("data", "data") })
        {
            value.SetText(property, Take(values, relation));
        }

        if (value.Has("data_type") || value.Has("name") || value.Has("data"))
        {
            key.Set("values", new List<object?> { value });
        }

        Rest(key, values);
        ObserveObject(o, [key], () =>
        {
            var forPattern = Values(o.ForPattern(), escaped: true).ToDictionary(p => p.Key, p => new List<string> { p.Value[^1] });
            List<string> pattern = [];
            if (Take(forPattern, "key") is { } k)
            {
                pattern.Add($"windows-registry-key:key = '{RegistryKey(k)}'");
            }

            if (Take(forPattern, "last-modified") is { } m)
            {
                pattern.Add($"windows-registry-key:modified_time = '{m}'");
            }

            if (Take(forPattern, "data") is { } data)
            {
                pattern.Add($"windows-registry-key:values[0].data = '{RegistryKey(data.Trim('\'').Trim('"'))}'");
            }

            foreach (var (relation, property) in new[] { ("data-type", "data_type"), ("name", "name") })
            {
                if (Take(forPattern, relation) is { } v)
                {
                    pattern.Add($"windows-registry-key:values[0].{property} = '{RegistryKey(v)}'");
                }
            }

            pattern.AddRange(forPattern.Select(p => $"windows-registry-key:{MispStix.CustomProperty(p.Key)} = '{RegistryKey(p.Value[0])}'"));
            return pattern;
        });
        return true;
    }

    private bool AsnObject(MispObj o)
    {
        var values = Values(o.ByRelation(), escaped: false);
        var digits = new string((TakeLast(values, "asn") ?? string.Empty).Where(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Fail(o.Origin, "misp-attribute-value", "the asn object has no autonomous system number.");
            return true;
        }

        var system = new StixObj("autonomous-system", Ref("autonomous-system", o.Uuid)).Set("number", number).SetText("name", TakeLast(values, "description"));
        Rest(system, values);
        ObserveObject(o, [system], () =>
        {
            var forPattern = Values(o.ForPattern(), escaped: true);
            List<string> pattern = [$"autonomous-system:number = {number}"];
            TakeAll(forPattern, "asn");
            if (TakeLast(forPattern, "description") is { } description)
            {
                pattern.Add($"autonomous-system:name = '{description}'");
            }

            pattern.AddRange(RestPattern("autonomous-system", forPattern));
            return pattern;
        });
        return true;
    }
}
