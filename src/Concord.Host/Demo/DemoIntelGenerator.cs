using Concord.Access;
using Concord.Stix;

namespace Concord.Host.Demo;

/// <summary>
/// Generates the demo's body of intelligence: invented threat actors, intrusion sets, malware and campaigns,
/// real ATT&amp;CK techniques (with ATT&amp;CK's own ids), indicators over documentation IP ranges and
/// <c>.example</c>/<c>.test</c> names, relationships, sightings, reports and notes — owned by the demo organisations
/// across every TLP label, each with a scope its TLP allows. Its history spans the <see cref="HistoryDays"/> days before
/// <c>now</c> (the node's first start), busier lately and quieter at weekends, so the dashboard, the activity chart
/// and the scores' decay look like a node in use. Deterministic: the same seed and start always give the same bytes.
/// </summary>
internal sealed partial class DemoIntelGenerator
{
    /// <summary>How far back the demo's history goes.</summary>
    public const int HistoryDays = 90;

    private readonly DateTimeOffset _now;
    private readonly DemoStixWriter _w;
    private readonly int _indicators;
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _when = new(StringComparer.Ordinal);
    private readonly List<string> _attackPatterns = [];
    private readonly List<string> _threatActors = [];
    private readonly List<string> _intrusionSets = [];
    private readonly List<string> _malware = [];
    private readonly List<string> _campaigns = [];
    private readonly List<(string Id, string Owner, DateTimeOffset Created)> _indicatorIds = [];
    private readonly List<string> _reports = [];
    private readonly Dictionary<string, int[]> _sharingDays = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Owner, DateOnly Day), DemoDistribution> _sharedOn = [];

    private DemoIntelGenerator(int seed, int indicators, DateTimeOffset now)
    {
        _w = new DemoStixWriter(new Random(seed));
        _indicators = indicators;

        // Whole milliseconds, as STIX timestamps are written: nothing is ever stamped after the start itself.
        _now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }

    /// <param name="seed">The random seed.</param>
    /// <param name="indicators">How many indicators (the other objects scale with it).</param>
    /// <param name="now">The node's first start: every object is created and shared before it.</param>
    public static DemoIntel Generate(int seed, int indicators, DateTimeOffset now)
    {
        var generator = new DemoIntelGenerator(seed, indicators, now);
        generator.Run();
        return new DemoIntel(generator._w.Batches);
    }

    private Random Random => _w.Random;

    private void Run()
    {
        WriteIdentities();
        WriteAttackPatterns();
        WriteAdversaries();
        WriteIndicators();
        WriteSightings();
        WriteReportsAndNotes();
    }

    private string IdentityOf(string orgKey) => _identities[orgKey];

    /// <summary>A time between <paramref name="fewest"/> and <paramref name="most"/> days before the start.</summary>
    private DateTimeOffset Ago(double fewest, double most) => Before(_now.AddDays(-(fewest + (Random.NextDouble() * (most - fewest)))));

    /// <summary>A time between <paramref name="from"/> and <paramref name="days"/> days later, before the start.</summary>
    private DateTimeOffset After(DateTimeOffset from, double days) => Before(from.AddDays(Random.NextDouble() * days));

    /// <summary>
    /// When <paramref name="owner"/> shares something: on one of its sharing days, recent ones more likely, in working
    /// hours (UTC). Members share in bursts on a third of the days, rarely at weekends — which also keeps the seeding to
    /// a few hundred imports rather than one per object.
    /// </summary>
    private DateTimeOffset SharingTime(string owner)
    {
        if (!_sharingDays.TryGetValue(owner, out var days))
        {
            days = Enumerable.Range(0, HistoryDays)
                .Where(ago => Random.NextDouble() < (_now.AddDays(-ago).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.08 : 0.4))
                .DefaultIfEmpty(0).ToArray();
            _sharingDays[owner] = days;
        }

        var day = days[(int)(days.Length * Math.Pow(Random.NextDouble(), 1.5))];
        var midnight = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-day);
        return Before(midnight.AddMinutes(Random.Next(7 * 60, 18 * 60)));
    }

    /// <summary>
    /// <see cref="Distribute"/> for something shared at <paramref name="when"/>: what a member shares on one day mostly
    /// goes to the same audience (one import), sometimes to another.
    /// </summary>
    private DemoDistribution DistributeOn(DateTimeOffset when, string owner, int clear, int green, int amber, int strict, int red)
    {
        var key = (owner, DateOnly.FromDateTime(when.UtcDateTime));
        if (_sharedOn.TryGetValue(key, out var earlier) && Random.Next(4) > 0)
        {
            return earlier;
        }

        return _sharedOn[key] = Distribute(owner, clear, green, amber, strict, red);
    }

    private DateTimeOffset Before(DateTimeOffset time)
    {
        var latest = _now.AddMinutes(-1);
        return DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(time.ToUnixTimeMilliseconds(), latest.ToUnixTimeMilliseconds()));
    }

    /// <summary>Writes an object and remembers when it was shared (its relationships come no earlier).</summary>
    private string Emit(string type, DemoDistribution distribution, string createdBy, DateTimeOffset created, Action<System.Text.Json.Utf8JsonWriter> body)
    {
        var id = _w.Emit(type, distribution, createdBy, created, body);
        _when[id] = created;
        return id;
    }

    private string RandomOrg() => _w.Pick(DemoAlliance.Organisations).Key;

    /// <summary>
    /// Picks a TLP by weight and a scope that TLP allows: CLEAR public; GREEN the alliance or connected nodes;
    /// AMBER the sharing group (when the owner is in it) or named recipients; AMBER+STRICT one recipient
    /// organisation; RED the owner alone or one or two named recipients.
    /// </summary>
    private DemoDistribution Distribute(string owner, int clear, int green, int amber, int strict, int red)
    {
        var roll = Random.Next(clear + green + amber + strict + red);
        var tlp = roll < clear ? Tlp.Clear
            : roll < clear + green ? Tlp.Green
            : roll < clear + green + amber ? Tlp.Amber
            : roll < clear + green + amber + strict ? Tlp.AmberStrict
            : Tlp.Red;
        return tlp switch
        {
            Tlp.Clear => new(owner, tlp, Scope.Public, []),
            Tlp.Green => new(owner, tlp, Random.Next(5) == 0 ? Scope.ConnectedNodes : Scope.Alliance, []),
            Tlp.Amber when DemoAlliance.SharingGroupMembers.Contains(owner) && Random.Next(3) > 0 => new(owner, tlp, Scope.SharingGroup, []),
            Tlp.Amber => new(owner, tlp, Scope.Recipients, Recipients(owner, 2)),
            Tlp.AmberStrict => new(owner, tlp, Scope.Recipients, Recipients(owner, 1)),
            Tlp.Red when Random.Next(2) == 0 => new(owner, tlp, Scope.Owner, []),
            Tlp.Red => new(owner, tlp, Scope.Recipients, Recipients(owner, 1 + Random.Next(2))),
        };
    }

    private string[] Recipients(string owner, int count) =>
        DemoAlliance.Organisations.Select(o => o.Key).Where(k => k != owner)
            .OrderBy(_ => Random.Next()).Take(count).Order(StringComparer.Ordinal).ToArray();

    private void WriteIdentities()
    {
        foreach (var org in DemoAlliance.Organisations)
        {
            var id = _w.NewId("identity");
            _identities[org.Key] = id;
            _when[id] = Ago(HistoryDays - 0.5, HistoryDays);
            _w.Emit("identity", new(org.Key, Tlp.Clear, Scope.Public, []), id, _when[id], j =>
            {
                j.WriteString("name", org.Name);
                j.WriteString("description", $"{org.Name}: a fictional {org.Sector} member of the Concord demo alliance ({org.Country}).");
                j.WriteString("identity_class", "organization");
                DemoStixWriter.WriteStrings(j, "sectors", [org.Sector switch
                {
                    "health" => "healthcare",
                    "telecommunications" => "telecommunications",
                    _ => "government",
                }]);
                j.WriteString("contact_information", $"incident@{org.Domain}");
            }, id);
        }
    }

    /// <summary>
    /// Shared reference knowledge, published openly by one member for everyone: ATT&amp;CK's techniques under ATT&amp;CK's
    /// ids, as first versions by their creator (MITRE) — name, ids and tactics only, nothing MITRE did not write. An
    /// import of ATT&amp;CK itself then adds newer versions of the same techniques.
    /// </summary>
    private void WriteAttackPatterns()
    {
        var publisher = new DemoDistribution("baltic", Tlp.Clear, Scope.Public, []);
        var shared = Ago(HistoryDays - 1.5, HistoryDays - 1);
        _w.Emit("identity", publisher, DemoAttack.MitreIdentity, DemoAttack.MitreIdentityCreated, j =>
        {
            j.WriteString("name", "The MITRE Corporation");
            j.WriteString("identity_class", "organization");
        }, DemoAttack.MitreIdentity, shared);
        foreach (var technique in DemoAttack.Techniques)
        {
            _attackPatterns.Add(_w.Emit("attack-pattern", publisher, DemoAttack.MitreIdentity, technique.CreatedAt, j =>
            {
                j.WriteString("name", technique.Name);
                j.WriteStartArray("external_references");
                j.WriteStartObject();
                j.WriteString("source_name", "mitre-attack");
                j.WriteString("url", $"https://attack.mitre.org/techniques/{technique.ExternalId.Replace('.', '/')}");
                j.WriteString("external_id", technique.ExternalId);
                j.WriteEndObject();
                j.WriteEndArray();
                j.WriteStartArray("kill_chain_phases");
                foreach (var tactic in technique.Tactics)
                {
                    j.WriteStartObject();
                    j.WriteString("kill_chain_name", "mitre-attack");
                    j.WriteString("phase_name", tactic);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
            }, technique.StixId, shared));
            _when[technique.StixId] = shared;
        }
    }

    /// <summary>A relationship, shared no earlier than <paramref name="created"/> and both its ends.</summary>
    private void Relate(string owner, DemoDistribution distribution, string source, string type, string target, DateTimeOffset created)
    {
        var at = new[] { created, _when.GetValueOrDefault(source), _when.GetValueOrDefault(target) }.Max();
        Emit("relationship", distribution, IdentityOf(owner), at, j =>
        {
            j.WriteString("relationship_type", type);
            j.WriteString("source_ref", source);
            j.WriteString("target_ref", target);
        });
    }
}
