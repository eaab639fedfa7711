using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Attributes outside objects. As in misp-stix, an attribute misp-stix maps becomes observed-data with its SCOs, plus,
/// when <c>to_ids</c> is set, an indicator with a STIX pattern <c>based-on</c> that observed-data; one it does not map
/// becomes an <c>x-misp-attribute</c> holding type, category, value and comment, so nothing is lost.
/// </summary>
internal sealed partial class MispEventConverter
{
    private void ConvertAttribute(JsonElement json, string path, JsonElement? parent)
    {
        _result.Proposals += json.Items("ShadowAttribute").Count();
        if (json.Flag("deleted") == true)
        {
            // A soft-deleted attribute is kept by MISP for its history only: left out, and counted.
            _result.DeletedAttributes++;
            return;
        }

        if (Read(json, path, _distribution, null) is not { } attribute)
        {
            return;
        }

        _result.Attributes++;
        if (!Mapped(attribute))
        {
            Custom(attribute);
        }
    }

    /// <summary>Reads an attribute's fields; null (and a rejection) when it cannot be converted at all.</summary>
    private MispAttr? Read(JsonElement json, string path, MispDistribution parent, (string? Name, string? Uuid)? misp)
    {
        var type = json.Text("type");
        // MISP trims a value when it saves an attribute; feeds written by other tools still carry stray spaces.
        var value = json.Text("value")?.Trim();
        var uuidText = json.Text("uuid");
        var origin = new IngestOrigin(path, MispText.Describe(_uuid, _info, misp, (uuidText, type, value)));
        if (string.IsNullOrEmpty(type) || value is null)
        {
            Fail(origin, "misp-attribute", string.IsNullOrEmpty(type) ? "the attribute has no type." : "the attribute has no value.");
            return null;
        }

        if (!TryUuid(uuidText, $"{_uuid}/{path}/{type}/{value}", out var uuid, out var uuidProblem))
        {
            Fail(origin with { Path = path + ".uuid" }, "misp-uuid", uuidProblem!);
            return null;
        }

        if (!TryTimestamp(json, out var timestamp, out var timeProblem))
        {
            Fail(origin with { Path = path + ".timestamp" }, "misp-timestamp", timeProblem!);
            return null;
        }

        var written = json.Flag("to_ids");
        var read = new MispAttr
        {
            Json = json,
            Uuid = uuid,
            Type = type,
            Value = value,
            Category = json.Text("category"),
            Comment = json.Text("comment"),
            Relation = json.Text("object_relation"),
            ToIds = written ?? MispStix.DefaultToIds(type),
            ToIdsWritten = written == true,
            Timestamp = timestamp,
            Origin = origin,
            Distribution = Distribution(json, parent),
        };
        if (MispValues.Problem(read) is { } problem)
        {
            Fail(origin with { Path = path + ".value" }, "misp-attribute-value", problem);
            return null;
        }

        return read;
    }

    /// <summary>An attribute misp-stix has no mapping for (text, comment, pdb, ja3-fingerprint-md5…): kept whole.</summary>
    private bool Custom(MispAttr a)
    {
        var stix = new StixObj("x-misp-attribute", Ref("x-misp-attribute", a.Uuid));
        Common(stix, a);
        stix.Set("x_misp_value", a.Value).Set("x_misp_type", a.Type).SetText("x_misp_category", a.Category).SetText("x_misp_comment", a.Comment);
        var galaxyTags = AttributeGalaxies(a, stix.Id);
        Finish(stix, a, galaxyTags);
        Emit(stix, a.Origin, a.Distribution);
        Sightings(a, stix.Id);
        return true;
    }

    /// <summary>created_by_ref, created and modified, and the misp:type / misp:category labels.</summary>
    private void Common(StixObj stix, MispAttr a)
    {
        if (_identityId is not null)
        {
            stix.Set("created_by_ref", _identityId);
        }

        stix.Set("created", MispTime.Stamp(a.Timestamp)).Set("modified", MispTime.Stamp(a.Timestamp)).Set("labels", a.Labels());
    }

    /// <summary>The attribute's own tags: TLP to markings, the rest (but converted galaxies) to labels.</summary>
    private void Finish(StixObj stix, MispAttr a, ISet<string>? galaxyTags)
    {
        Labels(stix, a.Json.TagNames(), galaxyTags);
        Mark(stix, Markings(a.Json.TagNames()));
    }

    /// <summary>observed-data with its SCOs, and an indicator when to_ids is set.</summary>
    private void Observe(MispAttr a, IReadOnlyList<StixObj> observables, Func<string>? pattern)
    {
        var observed = new StixObj("observed-data", Ref("observed-data", a.Uuid));
        Common(observed, a);
        ObservedTimes(observed, a.Json, a.Timestamp);
        observed.Set("number_observed", 1).Set("object_refs", observables.Select(o => (object?)o.Id).ToList());

        // misp-stix attaches the attribute's galaxies to its first object (the observed-data) and the indicator alike.
        var galaxyTags = AttributeGalaxies(a, observed.Id);
        Finish(observed, a, galaxyTags);
        Emit(observed, a.Origin, a.Distribution);
        foreach (var sco in observables)
        {
            Mark(sco, Markings(a.Json.TagNames()));
            Emit(sco, a.Origin, a.Distribution);
        }

        List<string> targets = [observed.Id];
        if (a.ToIds && pattern is not null)
        {
            var indicator = Indicator(a, pattern(), standalone: false);
            _relationships.Add(new Relationship(indicator.Id, "based-on", observed.Id, a.Timestamp, a.Distribution, a.Origin));
            targets.Add(indicator.Id);
        }

        Sightings(a, [.. targets]);
    }

    /// <summary>
    /// An indicator from an attribute. Beside observed-data it takes all the attribute's tags as labels and no galaxy
    /// relationships (the observed-data has them); standalone (no observable: a port, a user agent, a YARA rule) it
    /// relates to the galaxies itself, as misp-stix does.
    /// </summary>
    private StixObj Indicator(MispAttr a, string pattern, bool standalone, string patternType = "stix")
    {
        var indicator = new StixObj("indicator", Ref("indicator", a.Uuid));
        var galaxyTags = standalone ? AttributeGalaxies(a, indicator.Id) : null;
        if (_identityId is not null)
        {
            indicator.Set("created_by_ref", _identityId);
        }

        indicator.Set("created", MispTime.Stamp(a.Timestamp)).Set("modified", MispTime.Stamp(a.Timestamp))
            .SetText("description", a.Comment)
            .Set("pattern", pattern).Set("pattern_type", patternType).Set("pattern_version", "2.1")
            .Set("valid_from", MispTime.Exact(a.Timestamp))
            .Set("kill_chain_phases", KillChain(a.Category))
            .Set("labels", a.Labels());
        Finish(indicator, a, galaxyTags);
        Emit(indicator, a.Origin, a.Distribution);
        return indicator;
    }

    private static List<object?> KillChain(string? category) =>
        [new StixObj().Set("kill_chain_name", "misp-category").Set("phase_name", category ?? string.Empty)];

    /// <summary>first_observed/last_observed from first_seen/last_seen, else the timestamp (misp-stix's rules).</summary>
    private static void ObservedTimes(StixObj observed, JsonElement misp, DateTimeOffset timestamp)
    {
        var first = MispTime.TryIso(misp.Text("first_seen"), out var f) ? f : timestamp;
        var last = MispTime.TryIso(misp.Text("last_seen"), out var l) ? l : timestamp;
        if (first > last)
        {
            if (misp.Text("last_seen") is { Length: > 0 })
            {
                first = last;
            }
            else
            {
                last = first;
            }
        }

        observed.Set("first_observed", MispTime.Exact(first)).Set("last_observed", MispTime.Exact(last));
    }
}
