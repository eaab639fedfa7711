using System.Text.Json.Nodes;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Attributes. What the import made of one MISP attribute shares its uuid (observed-data, its indicator when
/// <c>to_ids</c> was set, an <c>x-misp-attribute</c>, a vulnerability or campaign) and says its type and category in
/// labels: they become that attribute again. Other indicators with a one-value pattern become an attribute with
/// <c>to_ids</c>; other observables attributes without it.
/// </summary>
internal sealed partial class MispEventBuilder
{
    private static readonly string[] AttributeTypes = ["indicator", "observed-data", "x-misp-attribute", "vulnerability", "campaign"];

    private JsonArray Attributes(int? eventDistribution)
    {
        var array = new JsonArray();
        var groups = _members.Where(m => AttributeTypes.Contains(m.Type) && m.Label("misp:type") is not null && m.Label("misp:name") is null)
            .GroupBy(m => m.Uuid, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var items = group.ToList();
            _used.UnionWith(items.Select(i => i.Id));
            if (FromMisp(items, eventDistribution) is { } attribute)
            {
                array.Add(attribute);
            }
        }

        // Observables an exported observed-data holds are part of that attribute or object.
        foreach (var observed in _members.Where(m => m.Type == "observed-data"))
        {
            _used.UnionWith(observed.Strings("object_refs"));
        }

        // What the import made of a MISP object is written with the objects.
        foreach (var member in _members.Where(m => !_used.Contains(m.Id) && m.Label("misp:name") is null))
        {
            if (Native(member, eventDistribution) is { } attribute)
            {
                array.Add(attribute);
                _used.Add(member.Id);
            }
        }

        return array;
    }

    /// <summary>One MISP attribute from what the import made of it.</summary>
    private JsonObject? FromMisp(List<MispExportItem> items, int? eventDistribution)
    {
        var indicator = items.FirstOrDefault(i => i.Type == "indicator");
        var observed = items.FirstOrDefault(i => i.Type == "observed-data");
        var custom = items.FirstOrDefault(i => i.Type == "x-misp-attribute");
        var primary = observed ?? indicator ?? custom ?? items[0];
        var type = primary.Label("misp:type")!;
        string? value;
        string? data = null;
        if (custom is not null)
        {
            value = custom.Text("x_misp_value");
            type = custom.Text("x_misp_type") ?? type;
        }
        else if (primary.Type is "vulnerability" or "campaign")
        {
            value = primary.Text("name");
        }
        else
        {
            var observables = observed?.Strings("object_refs").Select(_lookup).OfType<MispExportItem>().ToList() ?? [];
            // The pattern keeps the value as MISP wrote it (a registry hive abbreviated, a MAC address's case); a file's
            // content is only in its observables.
            value = indicator is not null && type is not ("attachment" or "malware-sample") && PatternValue(indicator) is { } written
                ? written
                : MispObservableValues.Attribute(type, observables) ?? (indicator is null ? null : PatternValue(indicator));
            data = observables.FirstOrDefault(o => o.Type == "artifact")?.Text("payload_bin");
        }

        if (value is null)
        {
            return null;
        }

        var labels = primary.Labels.Where(l => !l.StartsWith("misp:type=", StringComparison.Ordinal) && !l.StartsWith("misp:category=", StringComparison.Ordinal));
        var attribute = Attribute(primary, type, primary.Label("misp:category") ?? custom?.Text("x_misp_category"), value, indicator is not null || (custom is not null && MispStix.DefaultToIds(type)), eventDistribution);
        if ((indicator?.Text("description") ?? custom?.Text("x_misp_comment")) is { } comment)
        {
            attribute["comment"] = comment;
        }

        if (data is not null)
        {
            attribute["data"] = data;
        }

        Seen(attribute, observed);
        attribute["Tag"] = ElementTags(primary, labels);
        attribute["Galaxy"] = Galaxies(items.SelectMany(i => _galaxiesOf.GetValueOrDefault(i.Id, [])).Distinct(StringComparer.Ordinal).Select(_lookup).OfType<MispExportItem>(), null);
        attribute["Sighting"] = Sightings(items);
        return attribute;
    }

    private static JsonObject Attribute(MispExportItem item, string type, string? category, string value, bool toIds, int? eventDistribution)
    {
        var attribute = new JsonObject
        {
            ["uuid"] = item.Uuid,
            ["type"] = type,
            ["category"] = category ?? MispCategories.Default(type),
            ["value"] = value,
            ["to_ids"] = toIds,
            ["timestamp"] = Epoch(item),
            ["distribution"] = Distribution(item, eventDistribution),
            ["comment"] = string.Empty,
            ["deleted"] = false,
        };
        return attribute;
    }

    /// <summary>first_seen/last_seen when the observation says more than the attribute's timestamp.</summary>
    private static void Seen(JsonObject attribute, MispExportItem? observed)
    {
        if (observed is null)
        {
            return;
        }

        var stamp = observed.Text("modified") is { } m ? Time(m) : default;
        foreach (var (stix, misp) in new[] { ("first_observed", "first_seen"), ("last_observed", "last_seen") })
        {
            if (observed.Text(stix) is { } text && Time(text) != stamp)
            {
                attribute[misp] = Time(text).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The value of an attribute in an indicator's pattern: a rule as written, else its values joined as MISP joins composites.</summary>
    private static string? PatternValue(MispExportItem indicator)
    {
        var pattern = indicator.Text("pattern");
        if (pattern is null || indicator.Text("pattern_type") is { } kind && kind != "stix")
        {
            return pattern;
        }

        var terms = MispPatternTerms.Read(pattern);
        return terms is null ? null : string.Join('|', MispPatternTerms.Values(terms).Select(t => t.Value));
    }

    /// <summary>A STIX object the import did not make from MISP: an indicator with a one-value pattern, an observable, a campaign or vulnerability.</summary>
    private JsonObject? Native(MispExportItem item, int? eventDistribution)
    {
        (string Type, string Value, bool ToIds)? mapped = item.Type switch
        {
            "indicator" => item.Text("pattern_type") is "yara" or "snort" or "suricata" or "sigma" ? (item.Text("pattern_type")!, item.Text("pattern")!, true)
                : MispPatternTerms.Read(item.Text("pattern") ?? string.Empty) is { Count: 1 } terms && MispObservableValues.TypeOf(terms[0]) is { } t ? (t, terms[0].Value, true)
                : null,
            "campaign" => ("campaign-name", item.Text("name")!, false),
            "vulnerability" => ("vulnerability", item.Text("name")!, false),
            _ => MispObservableValues.Native(item) is { } observable ? (observable.Type, observable.Value, false) : null,
        };
        if (mapped is not { } m)
        {
            return null;
        }

        var attribute = Attribute(item, m.Type, null, m.Value, m.ToIds, eventDistribution);
        if (item.Text("description") is { } comment)
        {
            attribute["comment"] = comment;
        }

        attribute["Tag"] = ElementTags(item, item.Labels);
        attribute["Galaxy"] = Galaxies(_galaxiesOf.GetValueOrDefault(item.Id, []).Select(_lookup).OfType<MispExportItem>(), null);
        attribute["Sighting"] = Sightings([item]);
        return attribute;
    }
}
