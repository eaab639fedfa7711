using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// MISP objects. The templates misp-stix maps (file, domain-ip, ip-port, url, email, network-connection, registry-key,
/// mutex, asn, vulnerability) become observed-data with SCOs — plus an indicator when an attribute has to_ids — or their
/// SDO; every other template is kept whole as an <c>x-misp-object</c> holding all its attributes, so nothing is lost.
/// ObjectReferences become relationships.
/// </summary>
internal sealed partial class MispEventConverter
{
    private void ConvertObject(JsonElement json, string path)
    {
        if (json.Flag("deleted") == true)
        {
            _result.DeletedObjects++;
            return;
        }

        var name = json.Text("name");
        var uuidText = json.Text("uuid");
        var origin = new IngestOrigin(path, MispText.Describe(_uuid, _info, (name, uuidText), null));
        if (string.IsNullOrEmpty(name))
        {
            Fail(origin, "misp-object", "the object has no name (its template).");
            return;
        }

        if (!TryUuid(uuidText, $"{_uuid}/{path}/{name}", out var uuid, out var uuidProblem))
        {
            Fail(origin with { Path = path + ".uuid" }, "misp-uuid", uuidProblem!);
            return;
        }

        if (!TryTimestamp(json, out var timestamp, out var timeProblem))
        {
            Fail(origin with { Path = path + ".timestamp" }, "misp-timestamp", timeProblem!);
            return;
        }

        var distribution = Distribution(json, _distribution);
        List<MispAttr> attributes = [];
        foreach (var (attribute, index) in json.Items("Attribute").Select((a, i) => (a, i)))
        {
            _result.Proposals += attribute.Items("ShadowAttribute").Count();
            if (attribute.Flag("deleted") == true)
            {
                _result.DeletedAttributes++;
            }
            else if (Read(attribute, $"{path}.Attribute[{index}]", distribution, (name, uuid)) is { } read)
            {
                attributes.Add(read);
            }
        }

        _result.Objects++;
        _result.Attributes += attributes.Count;
        var misp = new MispObj
        {
            Json = json,
            Uuid = uuid,
            Name = name,
            MetaCategory = json.Text("meta-category") ?? string.Empty,
            Comment = json.Text("comment"),
            Timestamp = timestamp,
            Origin = origin,
            Distribution = distribution,
            Attributes = attributes,
        };
        if (!Template(misp))
        {
            CustomObject(misp);
        }
    }

    private bool Template(MispObj o) => o.Name switch
    {
        "file" => FileObject(o),
        "domain-ip" or "domain|ip" => DomainIpObject(o),
        "ip-port" or "ip|port" => IpPortObject(o),
        "url" => UrlObject(o),
        "email" => EmailObject(o),
        "network-connection" => NetworkConnectionObject(o),
        "mutex" => MutexObject(o),
        "registry-key" => RegistryKeyObject(o),
        "asn" => AsnObject(o),
        "vulnerability" => VulnerabilityObject(o),
        _ => false,
    };

    /// <summary>A template Concord does not map (or misp-stix does not): every attribute kept, with its data.</summary>
    private void CustomObject(MispObj o)
    {
        var stix = new StixObj("x-misp-object", Ref("x-misp-object", o.Uuid));
        ObjectCommon(stix, o);
        stix.Set("x_misp_meta_category", o.MetaCategory).Set("x_misp_name", o.Name)
            .Set("x_misp_attributes", o.Attributes.Select(a => (object?)CustomAttribute(a)).ToList())
            .SetText("x_misp_comment", o.Comment);
        ObjectTagsAndReferences(stix, o);
        Emit(stix, o.Origin, o.Distribution);
        ObjectSightings(o, stix.Id);
    }

    private static StixObj CustomAttribute(MispAttr a)
    {
        var relation = a.Relation ?? string.Empty;
        var stix = new StixObj().Set("type", a.Type).Set("object_relation", relation.Replace("(s)", string.Empty, StringComparison.Ordinal)).Set("value", a.Value);
        foreach (var field in new[] { "category", "comment", "to_ids", "uuid" })
        {
            if (a.Json.Truthy(field))
            {
                stix.Set(field, field == "to_ids" ? true : field == "uuid" ? a.Uuid : a.Json.Text(field));
            }
        }

        return a.Data is { } data ? stix.Set("data", data) : stix;
    }

    private void ObjectCommon(StixObj stix, MispObj o)
    {
        if (_identityId is not null)
        {
            stix.Set("created_by_ref", _identityId);
        }

        stix.Set("created", MispTime.Stamp(o.Timestamp)).Set("modified", MispTime.Stamp(o.Timestamp)).Set("labels", o.Labels());
    }

    /// <summary>The tags and galaxies on an object's attributes, its TLP, and its ObjectReferences (from this STIX object).</summary>
    private void ObjectTagsAndReferences(StixObj stix, MispObj o)
    {
        var tags = o.Attributes.SelectMany(a => a.Json.TagNames()).Distinct(StringComparer.Ordinal).ToList();
        var galaxies = o.Attributes.SelectMany(a => a.Json.Items("Galaxy"));
        var galaxyTags = ElementGalaxies(galaxies, stix.Id, o.Timestamp, o.Distribution, o.Origin);
        Labels(stix, tags, galaxyTags);
        Mark(stix, Markings(tags));
        foreach (var (reference, index) in o.Json.Items("ObjectReference").Select((r, i) => (r, i)))
        {
            if (reference.Flag("deleted") == true || reference.Text("referenced_uuid") is not { Length: > 0 } target || reference.Text("relationship_type") is not { Length: > 0 } type)
            {
                continue;
            }

            var time = MispTime.TryEpoch(reference.Text("timestamp"), out var t) ? t : o.Timestamp;
            var uuid = reference.Text("uuid") is { } u && Guid.TryParseExact(u, "D", out _) ? u : null;
            _relationships.Add(new Relationship(stix.Id, type, target.Trim().ToLowerInvariant(), time, o.Distribution, o.Origin with { Path = $"{o.Origin.Path}.ObjectReference[{index}]" }) { Uuid = uuid, Unresolved = true });
        }
    }

    /// <summary>observed-data for an object, its SCOs, and an indicator from <paramref name="pattern"/> when to_ids is set.</summary>
    private void ObserveObject(MispObj o, List<StixObj> observables, Func<List<string>> pattern)
    {
        var observed = new StixObj("observed-data", Ref("observed-data", o.Uuid));
        ObjectCommon(observed, o);
        ObservedTimes(observed, o.Json, o.Timestamp);
        observed.Set("number_observed", 1).Set("object_refs", observables.Select(s => (object?)s.Id).ToList());
        ObjectTagsAndReferences(observed, o);
        Emit(observed, o.Origin, o.Distribution);
        var own = Markings(o.Attributes.SelectMany(a => a.Json.TagNames()));
        foreach (var sco in observables)
        {
            Mark(sco, own);
            Emit(sco, o.Origin, o.Distribution);
        }

        List<string> targets = [observed.Id];
        if (o.AnyToIds)
        {
            var indicator = new StixObj("indicator", Ref("indicator", o.Uuid));
            if (_identityId is not null)
            {
                indicator.Set("created_by_ref", _identityId);
            }

            indicator.Set("created", MispTime.Stamp(o.Timestamp)).Set("modified", MispTime.Stamp(o.Timestamp)).SetText("description", o.Comment)
                .Set("pattern", $"[{string.Join(" AND ", pattern())}]").Set("pattern_type", "stix").Set("pattern_version", "2.1")
                .Set("valid_from", MispTime.Exact(o.Timestamp)).Set("kill_chain_phases", KillChain(o.MetaCategory)).Set("labels", o.Labels());
            Mark(indicator, own);
            Emit(indicator, o.Origin, o.Distribution);
            _relationships.Add(new Relationship(indicator.Id, "based-on", observed.Id, o.Timestamp, o.Distribution, o.Origin));
            targets.Add(indicator.Id);
        }

        ObjectSightings(o, [.. targets]);
    }

    /// <summary>Relations no STIX property takes, as misp-stix keeps them: <c>x_misp_&lt;relation&gt;</c>, one value or a list.</summary>
    private static void Rest(StixObj stix, Dictionary<string, List<string>> rest)
    {
        foreach (var (relation, values) in rest)
        {
            if (values.Count > 0)
            {
                stix.Set(MispStix.CustomProperty(relation), values.Count == 1 ? values[0] : values.Select(v => (object?)v).ToList());
            }
        }
    }

    /// <summary>Pattern terms for relations no STIX property takes: <c>&lt;prefix&gt;:x_misp_&lt;relation&gt; = '…'</c>.</summary>
    private static IEnumerable<string> RestPattern(string prefix, Dictionary<string, List<string>> rest) =>
        rest.SelectMany(p => p.Value.Select(v => $"{prefix}:{MispStix.CustomProperty(p.Key)} = '{v}'"));

    private static Dictionary<string, List<string>> Values(Dictionary<string, List<MispAttr>> groups, bool escaped) =>
        groups.ToDictionary(g => g.Key, g => g.Value.Select(a => escaped ? MispStix.Escape(a.Value) : a.Value).ToList(), StringComparer.Ordinal);

    /// <summary>Takes the first value of a relation out of <paramref name="values"/>.</summary>
    private static string? Take(Dictionary<string, List<string>> values, string relation)
    {
        if (!values.TryGetValue(relation, out var list) || list.Count == 0)
        {
            return null;
        }

        var first = list[0];
        list.RemoveAt(0);
        if (list.Count == 0)
        {
            values.Remove(relation);
        }

        return first;
    }

    /// <summary>Takes every value of a relation out of <paramref name="values"/>.</summary>
    private static List<string> TakeAll(Dictionary<string, List<string>> values, string relation) =>
        values.Remove(relation, out var list) ? list : [];

    /// <summary>Takes the last value of a relation (where misp-stix reads a relation into a dictionary, the last one wins).</summary>
    private static string? TakeLast(Dictionary<string, List<string>> values, string relation) =>
        values.Remove(relation, out var list) && list.Count > 0 ? list[^1] : null;
}
