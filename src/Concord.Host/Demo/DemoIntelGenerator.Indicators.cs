using System.Globalization;

namespace Concord.Host.Demo;

internal sealed partial class DemoIntelGenerator
{
    // RFC 5737 documentation ranges: never routable, never someone's real address.
    private static readonly string[] DocumentationNets = ["192.0.2", "198.51.100", "203.0.113"];

    private void WriteIndicators()
    {
        for (var i = 0; i < _indicators; i++)
        {
            var owner = RandomOrg();
            var created = SharingTime(owner);
            var d = DistributeOn(created, owner, 2, 4, 2, 1, 1);
            var (pattern, name, labels) = Pattern();
            var id = Emit("indicator", d, IdentityOf(owner), created, j =>
            {
                j.WriteString("name", name);
                j.WriteString("description", $"Reported by {DemoAlliance.Get(owner).Name} from incident handling in its constituency.");
                DemoStixWriter.WriteStrings(j, "indicator_types", [labels == "c2" ? "malicious-activity" : _w.Pick(["malicious-activity", "attribution", "compromised"])]);
                j.WriteString("pattern", pattern);
                j.WriteString("pattern_type", "stix");
                j.WriteString("pattern_version", "2.1");
                j.WriteString("valid_from", DemoStixWriter.Stamp(created));
                // Most stay valid for months; a few short-lived ones from the early weeks have expired by the start.
                j.WriteString("valid_until", DemoStixWriter.Stamp(created.AddDays(45 + Random.Next(225))));
                DemoStixWriter.WriteStrings(j, "labels", [labels]);
                j.WriteNumber("confidence", 30 + (Random.Next(7) * 10));
            });
            _indicatorIds.Add((id, owner, created));
            // What it indicates was known when it was shared, so the relationship is shared with it, in the same import.
            var candidates = Random.Next(3) switch
            {
                0 => _intrusionSets,
                1 => _campaigns,
                _ => _malware,
            };
            var known = candidates.Where(t => _when[t] <= created).ToList();
            Relate(owner, d, id, "indicates", _w.Pick(known.Count > 0 ? known : candidates), created);
        }
    }

    private (string Pattern, string Name, string Label) Pattern()
    {
        switch (Random.Next(6))
        {
            case 0:
            case 1:
                var ip = $"{_w.Pick(DocumentationNets)}.{Random.Next(1, 255).ToString(CultureInfo.InvariantCulture)}";
                return ($"[ipv4-addr:value = '{ip}']", $"C2 server {ip}", "c2");
            case 2:
                var domain = Domain();
                return ($"[domain-name:value = '{domain}']", $"Phishing domain {domain}", "phishing");
            case 3:
                var url = $"https://{Domain()}/{_w.Pick(DemoVocabulary.DomainWords)}/{_w.Hex(4)}.php";
                return ($"[url:value = '{url}']", $"Malware download URL on {new Uri(url).Host}", "malware-delivery");
            case 4:
                var sha = _w.Hex(32);
                return ($"[file:hashes.'SHA-256' = '{sha}']", $"Payload SHA-256 {sha[..12]}…", "payload");
            default:
                var md5 = _w.Hex(16);
                var ip2 = $"{_w.Pick(DocumentationNets)}.{Random.Next(1, 255).ToString(CultureInfo.InvariantCulture)}";
                return ($"[file:hashes.MD5 = '{md5}'] OR [ipv4-addr:value = '{ip2}']", $"Dropper {md5[..8]} and its beacon address", "payload");
        }
    }

    private string Domain() =>
        $"{_w.Pick(DemoVocabulary.DomainWords)}-{_w.Pick(DemoVocabulary.DomainWords)}{Random.Next(1, 99).ToString(CultureInfo.InvariantCulture)}.{(Random.Next(2) == 0 ? "example" : "test")}";

    private void WriteSightings()
    {
        for (var i = 0; i < _indicators / 8; i++)
        {
            var sighter = RandomOrg();
            var (indicator, _, reported) = _w.Pick(_indicatorIds);
            var first = After(reported, 10);
            var created = Before(first.AddHours(Random.Next(1, 72)));
            Emit("sighting", DistributeOn(created, sighter, 0, 5, 3, 1, 1), IdentityOf(sighter), created, j =>
            {
                j.WriteString("sighting_of_ref", indicator);
                DemoStixWriter.WriteStrings(j, "where_sighted_refs", [IdentityOf(sighter)]);
                j.WriteString("first_seen", DemoStixWriter.Stamp(first));
                j.WriteString("last_seen", DemoStixWriter.Stamp(Before(first.AddHours(Random.Next(1, 48)))));
                j.WriteNumber("count", Random.Next(1, 40));
            });
        }
    }

    private void WriteReportsAndNotes()
    {
        for (var i = 0; i < Math.Max(4, _indicators / 25); i++)
        {
            var owner = RandomOrg();
            var published = SharingTime(owner);
            var d = DistributeOn(published, owner, 2, 4, 2, 1, 1);
            var earlier = _campaigns.Where(c => _when[c] < published).ToList();
            var campaign = _w.Pick(earlier.Count > 0 ? earlier : _campaigns);
            var campaignName = DemoVocabulary.Campaigns[_campaigns.IndexOf(campaign)];
            var refs = new List<string> { campaign, _w.Pick(_intrusionSets), _w.Pick(_malware) };
            refs.AddRange(_indicatorIds.Where(x => x.Owner == owner && x.Created < published).OrderBy(_ => Random.Next()).Take(3 + Random.Next(6)).Select(x => x.Id));
            _reports.Add(Emit("report", d, IdentityOf(owner), published, j =>
            {
                j.WriteString("name", $"{DemoAlliance.Get(owner).Name}: {campaignName}, situation report {i + 1}");
                j.WriteString("description", $"Summary of {campaignName} activity observed by {DemoAlliance.Get(owner).Name}, with the indicators members should block.");
                DemoStixWriter.WriteStrings(j, "report_types", [_w.Pick(["threat-report", "campaign", "indicator"])]);
                j.WriteString("published", DemoStixWriter.Stamp(published));
                DemoStixWriter.WriteStrings(j, "object_refs", refs.Distinct());
            }));
        }

        for (var i = 0; i < Math.Max(2, _indicators / 40); i++)
        {
            var author = DemoAlliance.Get(RandomOrg());
            var d = Distribute(author.Key, 1, 5, 2, 1, 1);
            var report = _w.Pick(_reports);
            Emit("note", d, IdentityOf(author.Key), After(_when[report], 5), j =>
            {
                j.WriteString("abstract", "Analyst comment");
                j.WriteString("content", $"Seen in our constituency too; the {_w.Pick(DemoVocabulary.Lures)} lure was localised. Blocking at national level.");
                DemoStixWriter.WriteStrings(j, "authors", [_w.Pick(author.Analysts)]);
                DemoStixWriter.WriteStrings(j, "object_refs", [report]);
            });
        }
    }
}
