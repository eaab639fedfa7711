using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Details.DetailObjects;

namespace Concord.IntegrationTests.Intel.Details;

/// <summary>What the object page reads besides the object: names of references, the score's parts, recipients.</summary>
public class ExplorerDetailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Referenced_NamesWhatTheReaderMaySee_RelationshipsByTheirEnds_AndLeavesHiddenIdsOutLikeUnknownOnes(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var emotet = Sdo("malware", Tlp.Green, ("name", "Emotet"), ("is_family", true));
        var secret = Sdo("malware", Tlp.Amber, ("name", "Alpha codename"), ("is_family", true));
        var uses = Sdo("relationship", Tlp.Green, ("relationship_type", "uses"), ("source_ref", Id(emotet)), ("target_ref", Id(secret)));
        var author = Identity(Tlp.Green, "Alpha CERT");
        var copyright = Statement(Tlp.Green, "Copyright 2015-2025, The MITRE Corporation.");
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "C2");
        await h.ImportAsync(owner, Bundles.Bundle(emotet, secret, uses, author, copyright, indicator));
        var unknown = Bundles.NewId("malware");

        var names = await h.Explorer.ReferencedAsync(reader, [Id(emotet), Id(secret), Id(uses), Id(author), Id(copyright), Id(indicator), unknown], Ct);

        Assert.Equal(new[] { Id(emotet), Id(uses), Id(author), Id(copyright), Id(indicator) }.Order(), names.Keys.Order());
        Assert.Equal("Emotet", names[Id(emotet)].Title);
        Assert.Equal($"Emotet uses {Id(secret)}", names[Id(uses)].Title);
        Assert.Equal("Alpha CERT", names[Id(author)].Title);
        Assert.Equal("Copyright 2015-2025, The MITRE Corporation.", names[Id(copyright)].Title);
        Assert.Equal(["ipv4-addr:198.51.100.7"], names[Id(indicator)].Values.Select(v => v.ToString()));
        Assert.Equal("Emotet uses Alpha codename", (await h.Explorer.ReferencedAsync(owner, [Id(uses)], Ct))[Id(uses)].Title);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Score_AfterACountedSighting_ExplainsTheBaseTheAgeFromTheSightingAndWhenItEnds(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var ownerOrg = h.Directory.AddOrganisation();
        var owner = IntelHarness.Member(ownerOrg);
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var outsider = IntelHarness.Member(h.Directory.AddOrganisation());
        var now = h.Node.Time.GetUtcNow();
        var indicator = Bundles.Indicator(tlp: Tlp.Green, modified: Stamp(now.AddDays(-20)));
        indicator["confidence"] = 80;
        var amber = Bundles.Indicator(tlp: Tlp.Amber, modified: Stamp(now.AddDays(-1)));
        await h.ImportAsync(owner, Bundles.Bundle(indicator, amber));
        var seen = now.AddDays(-2);
        await h.ImportAsync(reader, Bundles.Bundle(Sdo("sighting", Tlp.Green, ("sighting_of_ref", Id(indicator)), ("count", 3), ("last_seen", Stamp(seen)))));

        var explained = (await h.Explorer.ScoreAsync(reader, Id(indicator), ownerOrg, Ct)).Value!;
        var shown = (await h.Store.GetAsync(reader, Id(indicator), null, Ct)).Value!;

        Assert.Equal(shown.Score, explained.Score);
        Assert.Equal((80, false, 0.8, 3L, 0), (explained.Confidence, explained.DefaultConfidence, explained.Reliability, explained.Sightings, explained.FalsePositives));
        Assert.Equal(64, explained.Base, 6);
        Assert.True(explained.RefreshedBySighting);
        Assert.Equal(seen.ToUnixTimeMilliseconds(), explained.AgeFrom.ToUnixTimeMilliseconds());
        Assert.Equal((ScoreEnd.Decay, explained.AgeFrom + TimeSpan.FromDays(90)), (explained.End, explained.EndsAt));
        Assert.Equal(ErrorKind.NotFound, (await h.Explorer.ScoreAsync(outsider, Id(amber), ownerOrg, Ct)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await h.Explorer.ScoreAsync(reader, Id(indicator), Guid.NewGuid(), Ct)).Error!.Kind);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Score_PastValidUntil_IsZeroAndSaysWhy(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var ownerOrg = h.Directory.AddOrganisation();
        var owner = IntelHarness.Member(ownerOrg);
        var now = h.Node.Time.GetUtcNow();
        var indicator = Bundles.Indicator(tlp: Tlp.Green, modified: Stamp(now.AddDays(-3)));
        indicator["valid_until"] = Stamp(now.AddDays(-1));
        await h.ImportAsync(owner, Bundles.Bundle(indicator));

        var explained = (await h.Explorer.ScoreAsync(owner, Id(indicator), ownerOrg, Ct)).Value!;

        Assert.Equal((0.0, ScoreEnd.ValidUntil, true), (explained.Score, explained.End, explained.DefaultConfidence));
        Assert.True(explained.EndsAt < now);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Recipients_AreShownToTheOwnerAndTheAudience_AndAnyoneElseIsToldNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var (a, b, c, d) = (h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation(), h.Directory.AddOrganisation());
        var recipients = (await h.Directory.ResolveRecipientsAsync(a, [b], Ct)).Value;
        var group = h.Directory.AddAudience(a, c);
        var owner = IntelHarness.Member(a, Role.Analyst, group, recipients);
        var recipient = IntelHarness.Member(b, Role.Analyst, recipients);
        var member = IntelHarness.Member(c, Role.Analyst, group);
        var outsider = IntelHarness.Member(d);
        var red = Bundles.Indicator(tlp: Tlp.Red, name: "red");
        var amber = Bundles.Indicator(tlp: Tlp.Amber, name: "amber");
        var green = Bundles.Indicator(tlp: Tlp.Green, name: "green");
        await h.ImportAsync(owner, Bundles.Bundle(red), new ImportOptions { Scope = Scope.Recipients, Recipients = [b] });
        await h.ImportAsync(owner, Bundles.Bundle(amber), new ImportOptions { Scope = Scope.SharingGroup, SharingGroupId = group });
        await h.ImportAsync(owner, Bundles.Bundle(green));

        async Task<Result<ObjectRecipients?>> Of(Principal p, JsonObject o) => await h.Explorer.RecipientsAsync(p, Id(o), null, a, Ct);

        Assert.Equal([b], (await Of(owner, red)).Value!.Organisations);
        Assert.Equal([b], (await Of(recipient, red)).Value!.Organisations);
        Assert.Equal((Scope.SharingGroup, $"Group {group:N}", c.ToString()), Parts((await Of(member, amber)).Value!));
        Assert.Equal((Scope.SharingGroup, $"Group {group:N}", c.ToString()), Parts((await Of(owner, amber)).Value!));

        // Outside the audience: the same answer as an id that does not exist.
        var unknown = await h.Explorer.RecipientsAsync(outsider, Bundles.NewId(), null, a, Ct);
        foreach (var (reader, o) in new[] { (outsider, red), (outsider, amber), (member, red), (recipient, amber) })
        {
            var answer = await Of(reader, o);
            Assert.Equal((unknown.Error!.Kind, unknown.Error.Message), (answer.Error!.Kind, answer.Error.Message));
        }

        Assert.True((await Of(outsider, green)).IsSuccess);
        Assert.Null((await Of(outsider, green)).Value);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Recipients_OfAnAnonymousSighting_AreShownToItsReporterOnly(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var (a, b) = (h.Directory.AddOrganisation(), h.Directory.AddOrganisation());
        var audience = (await h.Directory.ResolveRecipientsAsync(b, [a], Ct)).Value;
        var owner = IntelHarness.Member(a, Role.Analyst, audience);
        var reporter = IntelHarness.Member(b, Role.Analyst, audience);
        var indicator = Bundles.Indicator(tlp: Tlp.Green);
        await h.ImportAsync(owner, Bundles.Bundle(indicator));
        var sighting = Sdo("sighting", Tlp.Red, ("sighting_of_ref", Id(indicator)), ("x_concord_anonymous", true));
        await h.ImportAsync(reporter, Bundles.Bundle(sighting), new ImportOptions { Scope = Scope.Recipients, Recipients = [a] });

        var toOwner = await h.Explorer.RecipientsAsync(owner, Id(sighting), null, b, Ct);
        var toReporter = await h.Explorer.RecipientsAsync(reporter, Id(sighting), null, b, Ct);

        // Nothing for the owner of the indicator: no recipients (or, where a copy is not found by its anonymous reporter's id, not found).
        Assert.Null(toOwner.Value);
        Assert.Equal([a], toReporter.Value!.Organisations);
    }

    private static (Scope, string?, string) Parts(ObjectRecipients r) => (r.Scope, r.SharingGroupName, string.Join(',', r.Organisations));

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
