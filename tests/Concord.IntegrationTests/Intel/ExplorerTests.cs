using System.Text.Json.Nodes;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.IntegrationTests.Intel;

public class ExplorerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Sdo(string type, Tlp tlp, params (string Name, JsonNode Value)[] properties)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = Bundles.NewId(type),
            ["created"] = "2026-01-01T00:00:00.000Z", ["modified"] = "2026-01-01T00:00:00.000Z",
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
        };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    private static JsonObject Malware(Tlp tlp, string name) => Sdo("malware", tlp, ("name", name), ("is_family", true));

    private static JsonObject Relationship(Tlp tlp, JsonObject source, string type, JsonObject target) =>
        Sdo("relationship", tlp, ("relationship_type", type), ("source_ref", (string)source["id"]!), ("target_ref", (string)target["id"]!));

    private static string Id(JsonObject o) => (string)o["id"]!;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Links_OfASharedIndicator_ListVisibleNeighboursBothWaysAndLeaveHiddenOnesOut(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var indicator = Bundles.Indicator(tlp: Tlp.Green);
        var family = Malware(Tlp.Green, "Emotet");
        var secret = Malware(Tlp.Amber, "Internal codename");
        var indicates = Relationship(Tlp.Green, indicator, "indicates", family);
        var indicatesSecret = Relationship(Tlp.Green, indicator, "indicates", secret);
        var report = Sdo("report", Tlp.Green, ("name", "Weekly"), ("published", "2026-01-02T00:00:00Z"), ("object_refs", new JsonArray(Id(indicator), Id(secret))));
        var sighting = Sdo("sighting", Tlp.Green, ("sighting_of_ref", Id(indicator)), ("count", 3));
        var hiddenNote = Sdo("note", Tlp.Amber, ("content", "ours only"), ("object_refs", new JsonArray(Id(indicator))));
        // Mentions the indicator's id as a JSON string (a property name), but refers only to the malware.
        var mentionOnly = Sdo("note", Tlp.Green, ("content", "see the map"), ("x_seen", new JsonObject { [Id(indicator)] = true }), ("object_refs", new JsonArray(Id(family))));
        await h.ImportAsync(owner, Bundles.Bundle(indicator, family, secret, indicates, indicatesSecret, report, sighting, hiddenNote, mentionOnly));

        var seen = (await h.Explorer.LinksAsync(reader, Id(indicator), Ct)).Value!;
        var all = (await h.Explorer.LinksAsync(owner, Id(indicator), Ct)).Value!;

        Assert.Equal(
            [
                (LinkDirection.Outgoing, "indicates", Id(family), (string?)Id(indicates)),
                (LinkDirection.Incoming, "object_refs", Id(report), null),
                (LinkDirection.Incoming, "sighting_of_ref", Id(sighting), null),
            ],
            seen.Links.Select(l => (l.Direction, l.Kind, l.Other.Id, l.Via?.Id)).OrderBy(l => l.Kind));
        Assert.Equal("Emotet", seen.Links.Single(l => l.Kind == "indicates").Other.Name);
        Assert.DoesNotContain(seen.Links, l => l.Other.Id == Id(secret) || l.Other.Id == Id(hiddenNote) || l.Via?.Id == Id(indicatesSecret));
        Assert.Contains(all.Links, l => l.Kind == "indicates" && l.Other.Id == Id(secret));
        Assert.Contains(all.Links, l => l.Kind == "object_refs" && l.Other.Id == Id(hiddenNote));
        Assert.DoesNotContain(all.Links, l => l.Other.Id == Id(mentionOnly));
        Assert.False(seen.Truncated);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Links_OfAReport_FollowItsObjectRefsToVisibleObjectsOnly(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Bundles.Indicator(tlp: Tlp.Green);
        var secret = Bundles.Indicator(tlp: Tlp.Red);
        var report = Sdo("report", Tlp.Green, ("name", "Weekly"), ("published", "2026-01-02T00:00:00Z"), ("object_refs", new JsonArray(Id(shared), Id(secret))));
        await h.ImportAsync(owner, Bundles.Bundle(shared, secret, report));

        var links = (await h.Explorer.LinksAsync(reader, Id(report), Ct)).Value!;

        var link = Assert.Single(links.Links);
        Assert.Equal((LinkDirection.Outgoing, "object_refs", Id(shared)), (link.Direction, link.Kind, link.Other.Id));
        Assert.Equal(2, (await h.Explorer.LinksAsync(owner, Id(report), Ct)).Value!.Links.Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task LinksAndDiff_OfAHiddenObject_AreNotFound(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var secret = Bundles.Indicator(tlp: Tlp.Amber);
        await h.ImportAsync(owner, Bundles.Bundle(secret));

        Assert.Equal(ErrorKind.NotFound, (await h.Explorer.LinksAsync(reader, Id(secret), Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await h.Explorer.DiffAsync(reader, Id(secret), null, null, Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await h.Explorer.LinksAsync(reader, Bundles.NewId(), Ct)).Error!.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Diff_BetweenTwoVersions_ListsAddedRemovedAndChangedProperties(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var id = Bundles.NewId();
        var v2 = Bundles.Indicator(id, "2026-01-02T00:00:00.000Z", Tlp.Green, name: "Bad IP, confirmed", labels: ["c2"]);
        v2.Remove("x_custom");
        await h.ImportAsync(owner, Bundles.Bundle(Bundles.Indicator(id, tlp: Tlp.Green), v2));

        var diff = (await h.Explorer.DiffAsync(owner, id, null, null, Ct)).Value!;
        var first = (await h.Explorer.DiffAsync(owner, id, null, "2026-01-01T00:00:00Z", Ct)).Value!;

        Assert.Equal(("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"), (diff.FromVersion, diff.ToVersion));
        Assert.Equal(
            [
                new PropertyChange("modified", PropertyChangeKind.Changed, "\"2026-01-01T00:00:00.000Z\"", "\"2026-01-02T00:00:00.000Z\""),
                new PropertyChange("name", PropertyChangeKind.Changed, "\"Bad IP\"", "\"Bad IP, confirmed\""),
                new PropertyChange("x_custom", PropertyChangeKind.Removed, "{\"kept\":1.5}", null),
                new PropertyChange("labels", PropertyChangeKind.Added, null, "[\"c2\"]"),
            ],
            diff.Changes);
        Assert.Null(first.FromVersion);
        Assert.All(first.Changes, c => Assert.Equal(PropertyChangeKind.Added, c.Kind));
        Assert.Equal("version-unknown", (await h.Explorer.DiffAsync(owner, id, "2025-01-01T00:00:00Z", null, Ct)).Error!.Rule);
    }
}
