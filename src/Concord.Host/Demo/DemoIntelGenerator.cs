using Concord.Access;
using Concord.Stix;

namespace Concord.Host.Demo;

/// <summary>
/// Generates the demo's body of intelligence: invented threat actors, intrusion sets, malware and campaigns,
/// real ATT&amp;CK techniques, indicators over documentation IP ranges and <c>.example</c>/<c>.test</c> names,
/// relationships, sightings, reports and notes — owned by the demo organisations across every TLP label,
/// each with a scope its TLP allows. Deterministic: the same seed always gives the same bytes.
/// </summary>
internal sealed partial class DemoIntelGenerator
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly DemoStixWriter _w;
    private readonly int _indicators;
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);
    private readonly List<string> _attackPatterns = [];
    private readonly List<string> _threatActors = [];
    private readonly List<string> _intrusionSets = [];
    private readonly List<string> _malware = [];
    private readonly List<string> _campaigns = [];
    private readonly List<(string Id, string Owner)> _indicatorIds = [];
    private readonly List<string> _reports = [];

    private DemoIntelGenerator(int seed, int indicators)
    {
        _w = new DemoStixWriter(new Random(seed));
        _indicators = indicators;
    }

    public static DemoIntel Generate(int seed, int indicators)
    {
        var generator = new DemoIntelGenerator(seed, indicators);
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

    private DateTimeOffset Day(int min, int max) => Epoch.AddDays(Random.Next(min, max)).AddMinutes(Random.Next(0, 24 * 60)).AddMilliseconds(Random.Next(1000));

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
            _w.Emit("identity", new(org.Key, Tlp.Clear, Scope.Public, []), id, Epoch.AddDays(-60), j =>
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

    private void WriteAttackPatterns()
    {
        // Shared reference knowledge: published openly by one member for everyone.
        foreach (var (techniqueId, name) in DemoVocabulary.Techniques)
        {
            _attackPatterns.Add(_w.Emit("attack-pattern", new("baltic", Tlp.Clear, Scope.Public, []), IdentityOf("baltic"), Epoch.AddDays(-45), j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"ATT&CK technique {techniqueId}, as referenced by the demo alliance's reporting.");
                j.WriteStartArray("external_references");
                j.WriteStartObject();
                j.WriteString("source_name", "mitre-attack");
                j.WriteString("external_id", techniqueId);
                j.WriteString("url", $"https://attack.mitre.org/techniques/{techniqueId.Replace('.', '/')}/");
                j.WriteEndObject();
                j.WriteEndArray();
            }));
        }
    }

    private void Relate(string owner, DemoDistribution distribution, string source, string type, string target, DateTimeOffset created) =>
        _w.Emit("relationship", distribution, IdentityOf(owner), created, j =>
        {
            j.WriteString("relationship_type", type);
            j.WriteString("source_ref", source);
            j.WriteString("target_ref", target);
        });
}
