using System.Text.Json;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// Converts one MISP event to STIX 2.1 the way misp-stix (MISP's own converter) does, so a MISP user finds what they
/// expect, with the deliberate differences listed in docs/misp-import.md. The ids are misp-stix's: the MISP uuids
/// (<c>indicator--&lt;attribute uuid&gt;</c>, <c>grouping--&lt;event uuid&gt;</c>), so importing an event again updates it
/// instead of duplicating it, and each object's <c>modified</c> is its MISP timestamp.
/// </summary>
internal sealed partial class MispEventConverter
{
    private readonly JsonElement _event;
    private readonly string _path;
    private readonly DateTimeOffset _now;
    private readonly MispConverted _result = new();
    private readonly List<string> _refs = [];
    private readonly Dictionary<string, MispDistribution> _refShared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MispOutput> _clusterOutputs = new(StringComparer.Ordinal);
    private readonly List<Relationship> _relationships = [];
    private readonly Dictionary<string, string> _clusters = new(StringComparer.Ordinal);
    private readonly List<string> _markingsUsed = [];
    private readonly HashSet<string> _identities = new(StringComparer.Ordinal);
    private string _uuid = string.Empty;
    private string? _info;
    private DateTimeOffset _eventTime;
    private string? _identityId;
    private MispDistribution _distribution;
    private List<object?> _eventTlp = [];
    private IngestOrigin _origin = null!;

    private MispEventConverter(JsonElement @event, string path, DateTimeOffset now)
    {
        _event = @event;
        _path = path;
        _now = now;
    }

    /// <summary>Converts <paramref name="event"/>, found at <paramref name="path"/>; <paramref name="now"/> stands in for missing timestamps.</summary>
    public static MispConverted Convert(JsonElement @event, string path, DateTimeOffset now)
    {
        var converter = new MispEventConverter(@event, path, now);
        converter.Run();
        return converter._result;
    }

    private sealed record Relationship(string Source, string Type, string Target, DateTimeOffset Time, MispDistribution Distribution, IngestOrigin Origin)
    {
        /// <summary>The MISP ObjectReference uuid, which misp-stix keeps as the relationship's id.</summary>
        public string? Uuid { get; init; }

        /// <summary>A MISP uuid still to be found among the converted objects (an ObjectReference's target).</summary>
        public bool Unresolved { get; init; }
    }

    private void Run()
    {
        _info = _event.Text("info");
        var eventUuid = _event.Text("uuid");
        _origin = new IngestOrigin(_path, MispText.Describe(eventUuid, _info, null, null));
        if (!TryUuid(eventUuid, $"event:{_event.GetRawText()}", out _uuid, out var uuidProblem))
        {
            Fail(_origin, "misp-uuid", uuidProblem!);
            return;
        }

        if (!TryTimestamp(_event, out _eventTime, out var timeProblem))
        {
            Fail(_origin with { Path = _path + ".timestamp" }, "misp-timestamp", timeProblem!);
            return;
        }

        _distribution = Distribution(_event, null);
        _eventTlp = Markings(_event.TagNames());
        _identityId = Identity();
        foreach (var (attribute, index) in _event.Items("Attribute").Select((a, i) => (a, i)))
        {
            ConvertAttribute(attribute, $"{_path}.Attribute[{index}]", null);
        }

        foreach (var (misp, index) in _event.Items("Object").Select((o, i) => (o, i)))
        {
            ConvertObject(misp, $"{_path}.Object[{index}]");
        }

        _result.Proposals += _event.Items("ShadowAttribute").Count();
        Report();
    }

    private void Fail(IngestOrigin origin, string rule, string message) =>
        _result.Outputs.Add(new MispOutput(null, null, origin, _distribution) { Problem = new ObjectIssue(origin.Path, rule, $"{origin.Description}: {message}") });

    /// <summary>Adds a converted object; <paramref name="inReport"/>: listed in the report's object_refs (all but identities and markings).</summary>
    private void Emit(StixObj stix, IngestOrigin origin, MispDistribution distribution, bool inReport = true)
    {
        _result.Outputs.Add(new MispOutput(stix.Id, stix.ToUtf8(), origin, distribution));
        if (inReport)
        {
            AddRef(stix.Id, distribution);
        }
    }

    /// <summary>Lists <paramref name="id"/> in the report, remembering the widest distribution it is used with.</summary>
    private void AddRef(string id, MispDistribution distribution)
    {
        if (_refShared.TryGetValue(id, out var known))
        {
            _refShared[id] = Widest(known, distribution);
            return;
        }

        _refs.Add(id);
        _refShared[id] = distribution;
    }

    private string? Identity()
    {
        var orgc = _event.Child("Orgc");
        if (orgc?.Text("name") is not { } name || orgc.Value.Text("uuid") is not { } uuid || !Guid.TryParse(uuid, out _))
        {
            return null;
        }

        var id = $"identity--{uuid}";
        var identity = new StixObj("identity", id)
            .Set("created", MispTime.Stamp(_eventTime)).Set("modified", MispTime.Stamp(_eventTime))
            .Set("name", name).Set("identity_class", "organization");
        Mark(identity, null);
        _identities.Add(id);
        Emit(identity, _origin with { Path = _path + ".Orgc" }, _distribution, inReport: false);
        return id;
    }

    /// <summary>
    /// The TLP of an element: its own <c>tlp:*</c> tags, else the event's. misp-stix marks only what carries the tag; every
    /// object here carries its TLP (docs/misp-import.md, difference "tlp-on-every-object").
    /// </summary>
    private void Mark(StixObj stix, List<object?>? own)
    {
        var markings = own is { Count: > 0 } ? own : _eventTlp;
        if (markings.Count > 0)
        {
            stix.Set("object_marking_refs", new List<object?>(markings));
        }
    }

    /// <summary>The marking-definition ids of the <c>tlp:*</c> tags among <paramref name="tags"/>, remembered for the bundle.</summary>
    private List<object?> Markings(IEnumerable<string> tags)
    {
        List<object?> ids = [];
        foreach (var tag in tags)
        {
            if (MispStix.TlpMarking(tag) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
                if (!_markingsUsed.Contains(id))
                {
                    _markingsUsed.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Tags that are neither TLP nor a galaxy already converted become labels; a confidence tag sets <c>confidence</c>.</summary>
    private static void Labels(StixObj stix, IEnumerable<string> tags, ISet<string>? galaxyTags)
    {
        var labels = stix.List("labels");
        int? confidence = null;
        foreach (var tag in tags)
        {
            if (MispStix.TlpMarking(tag) is not null || galaxyTags?.Contains(tag) == true)
            {
                continue;
            }

            if (MispStix.Confidence(tag) is { } score)
            {
                confidence = Math.Min(confidence ?? score, score);
            }

            labels.Add(tag);
        }

        if (confidence is { } lowest)
        {
            stix.Set("confidence", lowest);
        }
    }

    private bool TryUuid(string? given, string derivation, out string uuid, out string? problem)
    {
        problem = null;
        if (given is null)
        {
            // PyMISP's fragments have no uuid; misp-stix mints random ones, we derive stable ones (difference "derived-uuids").
            uuid = MispStix.DerivedUuid(derivation);
            return true;
        }

        uuid = given.Trim().ToLowerInvariant();
        if (Guid.TryParseExact(uuid, "D", out _))
        {
            return true;
        }

        problem = $"the uuid '{given}' is not a UUID.";
        return false;
    }

    /// <summary>An element's <c>timestamp</c> (epoch seconds); absent, the event's, or for the event itself the import's time.</summary>
    private bool TryTimestamp(JsonElement element, out DateTimeOffset time, out string? problem)
    {
        problem = null;
        var text = element.Text("timestamp");
        if (text is null or "")
        {
            time = _eventTime == default ? _now : _eventTime;
            return true;
        }

        if (MispTime.TryEpoch(text, out time))
        {
            return true;
        }

        problem = $"the timestamp '{text}' is not a time in seconds since 1970.";
        return false;
    }

    private static string Ref(string type, string uuid) => $"{type}--{uuid}";
}
