using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Stix.Markings;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Writes a report or grouping, with the objects it references that the reader may read, as one MISP event — the
/// import's mapping (docs/misp-import.md) read backwards, so importing the export gives back the same STIX objects.
/// What came from MISP is recognised by misp-stix's ids and labels (<c>indicator--&lt;attribute uuid&gt;</c>,
/// <c>misp:type="…"</c>, <c>misp:name="…"</c>); other STIX objects are mapped by their patterns and observables.
/// </summary>
internal sealed partial class MispEventBuilder
{
    private readonly Dictionary<string, MispExportItem> _byId = new(StringComparer.Ordinal);
    private readonly List<MispExportItem> _members;
    private readonly Func<string, MispExportItem?> _lookup;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MispExportItem>> _sightings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _galaxiesOf = new(StringComparer.Ordinal);
    private readonly List<MispExportItem> _references = [];
    private List<string> _eventTlp = [];

    private MispEventBuilder(IEnumerable<MispExportItem> members, Func<string, MispExportItem?> lookup)
    {
        _members = members.ToList();
        foreach (var member in _members)
        {
            _byId.TryAdd(member.Id, member);
        }

        _lookup = id => _byId.TryGetValue(id, out var known) ? known : lookup(id);
    }

    /// <summary>
    /// The event for <paramref name="report"/> (null: the objects no exported report references, under
    /// <paramref name="uuid"/> and <paramref name="info"/>). <paramref name="lookup"/> answers only what the reader may read.
    /// </summary>
    public static JsonObject Build(MispExportItem? report, IEnumerable<MispExportItem> members, Func<string, MispExportItem?> lookup, string uuid, string info, DateTimeOffset now) =>
        new MispEventBuilder(members, lookup).Event(report, uuid, info, now);

    private JsonObject Event(MispExportItem? report, string uuid, string info, DateTimeOffset now)
    {
        var modified = report?.Text("modified") is { } m ? Time(m) : now;
        var created = report?.Text("created") is { } c ? Time(c) : now;
        var published = report?.Type == "report";
        _eventTlp = Tlp(report);
        var @event = new JsonObject
        {
            ["uuid"] = report?.Uuid ?? uuid,
            ["info"] = report?.Text("name") ?? info,
            ["date"] = created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["timestamp"] = Epoch(modified),
            ["published"] = published,
            ["publish_timestamp"] = published && report!.Text("published") is { } at ? Epoch(Time(at)) : "0",
            ["threat_level_id"] = "4",
            ["analysis"] = published ? "2" : "0",
            ["distribution"] = (report?.Distribution ?? Widest()).ToString(CultureInfo.InvariantCulture),
        };
        if ((report?.Text("created_by_ref") ?? Creator()) is { } creator && Organisation(creator) is { } orgc)
        {
            @event["Orgc"] = orgc;
        }

        var tags = Tags(_eventTlp, report?.Labels.Where(l => l is not ("Threat-Report" or "misp:tool=\"MISP-STIX-Converter\"")) ?? []);
        Index();
        @event["Attribute"] = Attributes(report?.Distribution);
        @event["Object"] = Objects(report?.Distribution);
        @event["Galaxy"] = Galaxies(_members.Where(m => IsCluster(m) && !_used.Contains(m.Id)), tags);
        @event["Tag"] = tags;
        return new JsonObject { ["Event"] = @event };
    }

    /// <summary>For an event of objects no report lists: their creator, when they share one.</summary>
    private string? Creator() => _members.Select(m => m.Text("created_by_ref")).Distinct(StringComparer.Ordinal).ToList() is [{ } only] ? only : null;

    private int Widest() => _members.Count == 0 ? 0 : _members.Max(m => m.Distribution);

    /// <summary>Sightings by what they are of, galaxy clusters by what relates to them, and ObjectReferences to write.</summary>
    private void Index()
    {
        foreach (var member in _members)
        {
            if (member.Type == "sighting" && member.Text("sighting_of_ref") is { } of)
            {
                Add(_sightings, of, member);
                _used.Add(member.Id);
            }
            else if (member.Type == "relationship" && member.Text("source_ref") is { } source && member.Text("target_ref") is { } target)
            {
                if (_byId.TryGetValue(target, out var cluster) && IsCluster(cluster))
                {
                    Add(_galaxiesOf, source, target);
                }
                else if (member.Text("relationship_type") != "based-on")
                {
                    _references.Add(member);
                }

                _used.Add(member.Id);
            }
        }

        foreach (var targets in _galaxiesOf.Values)
        {
            _used.UnionWith(targets);
        }
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private JsonObject? Organisation(string identityId) =>
        _lookup(identityId) is { } identity && identity.Text("name") is { } name
            ? new JsonObject { ["uuid"] = identity.Uuid, ["name"] = name }
            : null;

    /// <summary>The <c>tlp:*</c> tag names of an object's TLP markings, as the import's table reads them.</summary>
    private static List<string> Tlp(MispExportItem? item) =>
        item?.Strings("object_marking_refs").Select(TlpTag).OfType<string>().ToList() ?? [];

    private static string? TlpTag(string markingId) => markingId switch
    {
        TlpMarkings.Tlp1WhiteId => "tlp:white",
        TlpMarkings.Tlp1GreenId or TlpMarkings.GreenId => "tlp:green",
        TlpMarkings.Tlp1AmberId or TlpMarkings.AmberId => "tlp:amber",
        TlpMarkings.Tlp1RedId or TlpMarkings.RedId => "tlp:red",
        TlpMarkings.ClearId => "tlp:clear",
        TlpMarkings.AmberStrictId => "tlp:amber+strict",
        _ => null,
    };

    /// <summary>An element's own TLP tags (only when they differ from the event's, which it inherits otherwise) and labels.</summary>
    private JsonArray ElementTags(MispExportItem item, IEnumerable<string> labels)
    {
        var own = Tlp(item);
        return Tags(own.SequenceEqual(_eventTlp) ? [] : own, labels);
    }

    private static JsonArray Tags(IEnumerable<string> tlp, IEnumerable<string> labels)
    {
        var array = new JsonArray();
        foreach (var name in tlp.Concat(labels).Distinct(StringComparer.Ordinal))
        {
            array.Add(new JsonObject { ["name"] = name });
        }

        return array;
    }

    /// <summary>An element's distribution: 5 (the event's) when it is shared as the event is.</summary>
    private static string Distribution(MispExportItem item, int? eventDistribution) =>
        (item.Distribution == eventDistribution ? 5 : item.Distribution).ToString(CultureInfo.InvariantCulture);

    internal static DateTimeOffset Time(string stix) => DateTimeOffset.Parse(stix, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    internal static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Epoch(MispExportItem item) => Epoch(Time(item.Text("modified") ?? item.Text("created") ?? "1970-01-01T00:00:00Z"));
}
