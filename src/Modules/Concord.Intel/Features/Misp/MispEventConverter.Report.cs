using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>The event itself: its galaxies, relationships, markings and the report (published) or grouping (not yet).</summary>
internal sealed partial class MispEventConverter
{
    private void Report()
    {
        var published = _event.Truthy("published") && _event.Truthy("publish_timestamp");
        var type = published ? "report" : "grouping";
        var id = Ref(type, _uuid);
        var report = new StixObj(type, id);
        if (_identityId is not null)
        {
            report.Set("created_by_ref", _identityId);
        }

        report.Set("created", MispTime.Stamp(_eventTime)).Set("modified", MispTime.Stamp(_eventTime))
            .Set("name", _info ?? "MISP Event exported to STIX 2.1 with misp-stix.");
        var galaxyTags = EventGalaxies();
        Labels(report.Set("labels", new List<object?> { "Threat-Report", "misp:tool=\"MISP-STIX-Converter\"" }), _event.TagNames(), galaxyTags);
        Mark(report, null);
        foreach (var cluster in _clusterOutputs.Values)
        {
            _result.Outputs.Add(cluster with { Distribution = _refShared.GetValueOrDefault(cluster.Id!, _distribution) });
        }

        Relationships();
        foreach (var marking in _markingsUsed)
        {
            var json = System.Text.Encoding.UTF8.GetBytes(MispStix.MarkingJson(marking));
            _result.Outputs.Add(new MispOutput(marking, json, _origin with { Path = _path + ".Tag" }, _distribution));
        }

        if (published)
        {
            MispTime.TryEpoch(_event.Text("publish_timestamp"), out var publishedAt);
            report.Set("published", MispTime.Exact(publishedAt));
        }
        else
        {
            report.Set("context", "suspicious-activity");
        }

        if (!_refs.Any(r => !Narrower(_refShared[r], _distribution)))
        {
            // STIX needs at least one object_ref: misp-stix points the report at a note saying the event is empty.
            var note = new StixObj("note", Ref("note", _uuid));
            if (_identityId is not null)
            {
                note.Set("created_by_ref", _identityId);
            }

            note.Set("created", MispTime.Stamp(_eventTime)).Set("modified", MispTime.Stamp(_eventTime))
                .Set("content", "This MISP Event is empty and contains no attribute, object, galaxy or tag.")
                .Set("object_refs", new List<object?> { id });
            Mark(note, null);
            Emit(note, _origin, _distribution);
        }

        // The report names only what everyone who reads it may read: an attribute MISP shares narrower than its event is
        // stored with its own scope but left out of the report, whose ids would tell other readers it exists.
        report.Set("object_refs", _refs.Where(r => !Narrower(_refShared[r], _distribution)).Select(r => (object?)r).ToList());
        _result.Outputs.Add(new MispOutput(id, report.ToUtf8(), _origin, _distribution));
    }

    private void Relationships()
    {
        foreach (var relationship in _relationships)
        {
            var target = relationship.Target;
            if (relationship.Unresolved)
            {
                // misp-stix points an ObjectReference at the first converted object whose id holds the referenced uuid.
                target = _refs.FirstOrDefault(r => r.Contains(relationship.Target, StringComparison.Ordinal)) ?? string.Empty;
                if (target.Length == 0)
                {
                    continue;
                }
            }

            var id = relationship.Uuid is { } uuid ? Ref("relationship", uuid) : MispStix.RelationshipId(relationship.Source, relationship.Type, target);
            var stix = new StixObj("relationship", id)
                .Set("created", MispTime.Stamp(relationship.Time)).Set("modified", MispTime.Stamp(relationship.Time))
                .Set("relationship_type", relationship.Type).Set("source_ref", relationship.Source).Set("target_ref", target);
            Mark(stix, null);

            // Shared no wider than either end: a relationship names both, so it would tell a reader of one that the other exists.
            var ends = Narrowest(relationship.Distribution, _refShared.GetValueOrDefault(target, relationship.Distribution));
            Emit(stix, relationship.Origin, ends);
        }
    }

    private MispDistribution Distribution(JsonElement element, MispDistribution? parent)
    {
        var level = element.Number("distribution");
        Guid? group = element.Child("SharingGroup")?.Text("uuid") is { } text && Guid.TryParse(text, out var g) ? g : null;
        MispDistribution own = level switch
        {
            null or 5 => parent ?? new MispDistribution(null),
            4 => new MispDistribution(4, group),
            >= 0 and <= 3 => new MispDistribution((int)level),

            // An unknown level is read as the narrowest: nothing is shared wider than its owner can have meant.
            _ => new MispDistribution(0),
        };
        return parent is { } p ? Narrowest(p, own) : own;
    }

    /// <summary>MISP shows an attribute only to those who may see its event (and object) too: the narrowest of them applies.</summary>
    internal static MispDistribution Narrowest(MispDistribution a, MispDistribution b)
    {
        if (a.Level is null)
        {
            return b;
        }

        if (b.Level is null)
        {
            return a;
        }

        if (a.Level == 4 && b.Level == 4 && a.SharingGroup != b.SharingGroup)
        {
            return new MispDistribution(0);
        }

        return Rank(a.Level.Value) <= Rank(b.Level.Value) ? a : b;
    }

    /// <summary>The wider of two uses of one object (a galaxy cluster on two attributes); two different sharing groups: the event's.</summary>
    private MispDistribution Widest(MispDistribution a, MispDistribution b)
    {
        var (x, y) = (a.Level is null ? _distribution : a, b.Level is null ? _distribution : b);
        if (x.Level is null || y.Level is null)
        {
            return new MispDistribution(null);
        }

        if (x.Level == 4 && y.Level == 4 && x.SharingGroup != y.SharingGroup)
        {
            return _distribution;
        }

        return Rank(x.Level.Value) >= Rank(y.Level.Value) ? x : y;
    }

    /// <summary>Whether <paramref name="a"/> reaches fewer readers than <paramref name="than"/> (not said: as the event).</summary>
    private static bool Narrower(MispDistribution a, MispDistribution than)
    {
        if (a.Level is null || than.Level is null)
        {
            return false;
        }

        return Rank(a.Level.Value) < Rank(than.Level.Value) || (a.Level == 4 && than.Level == 4 && a.SharingGroup != than.SharingGroup);
    }

    // 0 your organisation < 4 a sharing group < 1 this community < 2 connected communities < 3 all communities.
    private static int Rank(int level) => level switch { 0 => 0, 4 => 1, 1 => 2, 2 => 3, _ => 4 };
}
