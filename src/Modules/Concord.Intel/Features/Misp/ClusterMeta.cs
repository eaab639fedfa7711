using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// A galaxy cluster's <c>meta</c> as misp-stix reads it: known fields to STIX properties (synonyms to aliases,
/// external_id and refs to external references, kill_chain to kill chain phases, the type lists), times to
/// timestamps, and every other field kept as <c>x_misp_&lt;field&gt;</c>.
/// </summary>
internal static partial class ClusterMeta
{
    public static void Apply(StixObj stix, string stixType, JsonElement meta, string name)
    {
        var mapped = MispGalaxyTypes.HasMetaMapping(stixType);
        var (multi, single) = MispGalaxyTypes.GenericMeta(stixType);
        foreach (var field in meta.EnumerateObject())
        {
            var (key, values) = (field.Name, field.Value);
            if (References(stix, key, values))
            {
                continue;
            }

            if (!mapped)
            {
                stix.Set(MispStix.CustomProperty(Sanitise(key)), values.Clone());
            }
            else if (Array.IndexOf(TimeKeys, key) >= 0)
            {
                Time(stix, key, values);
            }
            else if (multi.Contains(key))
            {
                stix.Set(key, values.Clone());
            }
            else if (single.Contains(key))
            {
                stix.Set(key, values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0 ? values[0].Clone() : values.Clone());
            }
            else if (MispGalaxyTypes.SpecialMeta(stixType, key) is { } reading)
            {
                Special(stix, reading, values, name);
            }
            else
            {
                stix.Set(MispStix.CustomProperty(Sanitise(key)), values.Clone());
            }
        }
    }

    private static readonly string[] TimeKeys = ["created", "modified", "first_seen", "last_seen"];

    /// <summary>misp-stix's custom property names: spaces and dots become underscores (hyphens stay).</summary>
    public static string Sanitise(string key) => key.Replace(' ', '_').Replace('.', '_');

    public static bool IsAttackId(string id) => AttackIdPattern().IsMatch(id);

    private static bool References(StixObj stix, string key, JsonElement values)
    {
        if (key is not ("external_id" or "refs" or "Technique ID"))
        {
            return false;
        }

        var references = stix.List("external_references");
        foreach (var value in Values(values))
        {
            references.Add(key == "refs" ? new StixObj().Set("source_name", "url").Set("url", value) : ExternalId(value));
        }

        return true;
    }

    private static void Special(StixObj stix, string reading, JsonElement values, string name)
    {
        switch (reading)
        {
            case "aliases":
                var aliases = Values(values).Where(v => v != name).Select(v => (object?)v).ToList();
                if (aliases.Count > 0)
                {
                    stix.Set("aliases", aliases);
                }

                break;
            case "kill-chain":
                var phases = stix.List("kill_chain_phases");
                foreach (var value in Values(values))
                {
                    var parts = value.Split(':');
                    phases.Add(new StixObj().Set("kill_chain_name", parts[0]).Set("phase_name", parts[^1]));
                }

                break;
            case "is-family":
                var first = values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0 ? values[0] : values;
                stix.Set("is_family", first.ValueKind == JsonValueKind.True || MispJson.AsText(first) is "True" or "true" or "1");
                break;
            case "external-ids":
                var references = stix.List("external_references");
                references.AddRange(Values(values).Select(v => (object?)ExternalId(v)));
                break;
            default:
                stix.Set(reading, Values(values).Select(v => (object?)v).ToList());
                break;
        }
    }

    private static void Time(StixObj stix, string key, JsonElement values)
    {
        var text = Values(values).FirstOrDefault();
        if (MispTime.TryIso(text, out var time))
        {
            stix.Set(key, key is "created" or "modified" ? MispTime.Stamp(time) : MispTime.Exact(time));
        }
    }

    /// <summary>An external id with misp-stix's source name: CAPEC-, CVE-, CWE-, MOB-, PRE- by prefix, else ATT&amp;CK.</summary>
    private static StixObj ExternalId(string value)
    {
        var source = value switch
        {
            _ when value.StartsWith("CAPEC-", StringComparison.Ordinal) => "capec",
            _ when value.StartsWith("CVE-", StringComparison.Ordinal) => "cve",
            _ when value.StartsWith("CWE-", StringComparison.Ordinal) => "cwe",
            _ when value.StartsWith("MOB-", StringComparison.Ordinal) => "mitre-mobile-attack",
            _ when value.StartsWith("PRE-", StringComparison.Ordinal) => "mitre-pre-attack",
            _ when value.StartsWith("REF-", StringComparison.Ordinal) => "reference_from_CAPEC",
            _ when value.Contains('-', StringComparison.Ordinal) => "NIST Mobile Threat Catalogue",
            _ when value.Length > 0 && value.All(char.IsDigit) => "WASC",
            _ => "mitre-attack",
        };
        return new StixObj().Set("source_name", source).Set("external_id", value);
    }

    private static IEnumerable<string> Values(JsonElement values) => values.ValueKind == JsonValueKind.Array
        ? values.EnumerateArray().Select(MispJson.AsText).OfType<string>()
        : MispJson.AsText(values) is { } one ? [one] : [];

    [GeneratedRegex(@"^(T\d{4}(\.\d{3})?|TA\d{4}|G\d{4}|S\d{4}|M\d{4}|C\d{4})$")]
    private static partial Regex AttackIdPattern();
}
