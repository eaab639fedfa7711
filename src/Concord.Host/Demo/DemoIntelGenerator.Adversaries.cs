namespace Concord.Host.Demo;

internal sealed partial class DemoIntelGenerator
{
    private static readonly string[] ActorTypes = ["nation-state", "crime-syndicate", "hacker", "spy", "criminal"];
    private static readonly string[] Motivations = ["organizational-gain", "personal-gain", "ideology", "dominance", "coercion"];
    private static readonly string[] Resources = ["government", "organization", "team", "club"];
    private static readonly string[] Sophistication = ["intermediate", "advanced", "expert", "innovator"];

    private void WriteAdversaries()
    {
        foreach (var name in DemoVocabulary.ThreatActors)
        {
            var owner = RandomOrg();
            var d = Distribute(owner, 2, 5, 2, 1, 1);
            _threatActors.Add(Emit("threat-actor", d, IdentityOf(owner), Ago(60, 87), j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"{name} is an invented adversary of the Concord demo: it targets {_w.Pick(DemoVocabulary.Sectors)} and "
                    + $"{_w.Pick(DemoVocabulary.Sectors)} organisations of alliance members.");
                DemoStixWriter.WriteStrings(j, "threat_actor_types", [_w.Pick(ActorTypes)]);
                DemoStixWriter.WriteStrings(j, "aliases", [name.Replace(' ', '-').ToUpperInvariant()]);
                j.WriteString("sophistication", _w.Pick(Sophistication));
                j.WriteString("resource_level", _w.Pick(Resources));
                j.WriteString("primary_motivation", _w.Pick(Motivations));
            }));
        }

        foreach (var name in DemoVocabulary.IntrusionSets)
        {
            var owner = RandomOrg();
            var d = Distribute(owner, 1, 5, 2, 1, 1);
            var created = Ago(45, 85);
            var set = Emit("intrusion-set", d, IdentityOf(owner), created, j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"Activity cluster {name}, tracked by {DemoAlliance.Get(owner).Name}.");
                j.WriteString("first_seen", DemoStixWriter.Stamp(created.AddDays(-200)));
                j.WriteString("resource_level", _w.Pick(Resources));
                j.WriteString("primary_motivation", _w.Pick(Motivations));
            });
            _intrusionSets.Add(set);
            Relate(owner, d, set, "attributed-to", _w.Pick(_threatActors), created);
            foreach (var technique in _attackPatterns.OrderBy(_ => Random.Next()).Take(3))
            {
                Relate(owner, d, set, "uses", technique, created);
            }
        }

        foreach (var (name, family, type) in DemoVocabulary.MalwareTraits)
        {
            var owner = RandomOrg();
            var d = Distribute(owner, 2, 5, 2, 1, 1);
            var created = Ago(30, 80);
            var malware = Emit("malware", d, IdentityOf(owner), created, j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"{name}, an invented {type.Replace('-', ' ')} seen in the demo alliance's constituencies.");
                DemoStixWriter.WriteStrings(j, "malware_types", [type]);
                j.WriteBoolean("is_family", family);
                DemoStixWriter.WriteStrings(j, "implementation_languages", [_w.Pick(["c", "c++", "go", "python", "rust", "powershell"])]);
            });
            _malware.Add(malware);
            Relate(owner, d, _w.Pick(_intrusionSets), "uses", malware, created);
            foreach (var technique in _attackPatterns.OrderBy(_ => Random.Next()).Take(2))
            {
                Relate(owner, d, malware, "uses", technique, created);
            }
        }

        foreach (var name in DemoVocabulary.Campaigns)
        {
            var owner = RandomOrg();
            var d = Distribute(owner, 1, 4, 3, 1, 1);
            var created = Ago(10, 70);
            var campaign = Emit("campaign", d, IdentityOf(owner), created, j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"{name}: a wave of {_w.Pick(DemoVocabulary.Lures)} lures against {_w.Pick(DemoVocabulary.Sectors)} targets.");
                j.WriteString("first_seen", DemoStixWriter.Stamp(created.AddDays(-30)));
                j.WriteString("last_seen", DemoStixWriter.Stamp(created.AddDays(-1)));
                j.WriteString("objective", "Initial access and collection against alliance members' constituencies.");
            });
            _campaigns.Add(campaign);
            Relate(owner, d, campaign, "attributed-to", _w.Pick(_intrusionSets), created);
            Relate(owner, d, campaign, "uses", _w.Pick(_malware), created);
        }
    }
}
