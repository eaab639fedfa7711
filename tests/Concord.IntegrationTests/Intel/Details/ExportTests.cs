using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Intel;
using Concord.Intel.Features.Export;
using Concord.Stix;
using Concord.Stix.Markings;
using static Concord.IntegrationTests.Intel.Details.DetailObjects;

namespace Concord.IntegrationTests.Intel.Details;

/// <summary>Exports (STIX bundle and CSV) through <see cref="IIntelExports"/>, on both stores.</summary>
public class ExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StixExport_AppendsTheReadableIdentitiesAndMarkingsItsObjectsReference_OnceEach_AndNeverHiddenOnes(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var alpha = IntelHarness.Member(h.Directory.AddOrganisation());
        var bravo = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var author = Identity(Tlp.Green, "Alpha CERT");
        var copyright = Statement(Tlp.Green, "Copyright Alpha");
        var hiddenAuthor = Identity(Tlp.Amber, "Bravo internal desk");
        var hiddenMarking = Statement(Tlp.Amber, "Bravo handling rules");
        var named = Bundles.Indicator(tlp: Tlp.Green, name: "named", createdBy: Id(author));
        ((JsonArray)named["object_marking_refs"]!).Add(Id(copyright));
        var hidden = Bundles.Indicator(tlp: Tlp.Green, name: "hidden refs", createdBy: Id(hiddenAuthor));
        hidden["granular_markings"] = new JsonArray(new JsonObject { ["marking_ref"] = Id(hiddenMarking), ["selectors"] = new JsonArray("name") });
        var unknown = Bundles.Indicator(tlp: Tlp.Green, name: "unknown author", createdBy: Bundles.NewId("identity"));
        await h.ImportAsync(alpha, Bundles.Bundle(author, copyright, named, hidden, unknown));
        await h.ImportAsync(bravo, Bundles.Bundle(hiddenAuthor, hiddenMarking));

        var (indicators, summary) = await ExportAsync(h, reader, new ObjectQuery { Type = "indicator" });
        var (everything, _) = await ExportAsync(h, reader, new ObjectQuery());
        var (bravosOwn, _) = await ExportAsync(h, bravo, new ObjectQuery { Type = "indicator" });

        Assert.Equal(
            new[] { Id(named), Id(hidden), Id(unknown), Id(author), Id(copyright), TlpMarkings.GreenId }.Order(),
            indicators.Select(o => o.Id).Order());
        Assert.Equal((3L, 3L), (summary.Objects, summary.Referenced));
        Assert.Equal(TlpMarkings.JsonOf(Tlp.Green), indicators.Single(o => o.Id == TlpMarkings.GreenId).Json, JsonEquality.Instance);
        Assert.Single(everything, o => o.Id == Id(author));
        Assert.Equal(everything.Count, everything.Select(o => o.Id).Distinct().Count());
        Assert.DoesNotContain(everything, o => o.Id == Id(hiddenAuthor) || o.Id == Id(hiddenMarking));

        // Bravo may read its own identity and marking, so its export of the same indicators carries them.
        Assert.Contains(bravosOwn, o => o.Id == Id(hiddenAuthor));
        Assert.Contains(bravosOwn, o => o.Id == Id(hiddenMarking));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task StixExport_OverSeveralPages_HoldsEveryObjectOnceAndTheirAuthorOnce(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var author = Identity(Tlp.Green, "Prolific author");
        var indicators = Enumerable.Range(0, 2_100).Select(i => Bundles.Indicator(tlp: Tlp.Green, name: $"i{i}", createdBy: Id(author))).ToList();
        await h.ImportAsync(owner, Bundles.Bundle([.. indicators]));
        await h.ImportAsync(owner, Bundles.Bundle(author));

        var (exported, summary) = await ExportAsync(h, owner, new ObjectQuery { Type = "indicator" });

        Assert.Equal((2_100L, 2L), (summary.Objects, summary.Referenced));
        Assert.Equal(2_102, exported.Select(o => o.Id).Distinct().Count());
        Assert.Equal(2_102, exported.Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CsvExport_WritesTheColumnsWithOwnerNameScoreAndLabels_AndDefusesFormulas(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var ownerOrg = h.Directory.AddOrganisation();
        var owner = IntelHarness.Member(ownerOrg);
        var other = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var indicator = Bundles.Indicator(tlp: Tlp.Green, name: "=HYPERLINK(\"http://x.example\")", labels: ["c2", "phishing"]);
        var ip = Sdo("ipv4-addr", Tlp.Green, ("value", "203.0.113.9"));
        ip.Remove("created");
        ip.Remove("modified");
        ip.Remove("spec_version");
        await h.ImportAsync(owner, Bundles.Bundle(indicator, ip));
        await h.ImportAsync(other, Bundles.Bundle(Bundles.Indicator(tlp: Tlp.Amber, name: "not for the reader")));

        using var stream = new MemoryStream();
        var summary = await h.Exports.WriteAsync(reader, new ObjectQuery(), ExportFormat.Csv, stream, Ct);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, summary.Objects);
        Assert.Equal("id,type,name,value_or_pattern,owner,tlp,created,modified,score,labels", lines[0]);
        var organisation = (await h.Directory.FindOrganisationAsync(ownerOrg, Ct))!.Name;
        Assert.Contains(
            $"{Id(indicator)},indicator,\"'=HYPERLINK(\"\"http://x.example\"\")\",[ipv4-addr:value = '198.51.100.7'],{organisation},TLP:GREEN,"
                + "2026-01-01T00:00:00.000Z,2026-01-01T00:00:00.000Z,0.0,c2; phishing",
            lines);
        Assert.Contains($"{Id(ip)},ipv4-addr,,203.0.113.9,{organisation},TLP:GREEN,,,,", lines);
        Assert.Equal(3, lines.Length);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ObjectBundle_OfAHiddenObject_IsNotFoundAndWritesNothing(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var author = Identity(Tlp.Green, "Alpha CERT");
        var shared = Bundles.Indicator(tlp: Tlp.Green, createdBy: Id(author));
        var amber = Bundles.Indicator(tlp: Tlp.Amber);
        await h.ImportAsync(owner, Bundles.Bundle(author, shared, amber));
        var exports = h.Exports;

        using var hiddenStream = new MemoryStream();
        var hidden = await exports.WriteObjectAsync(reader, Id(amber), null, null, hiddenStream, Ct);
        using var sharedStream = new MemoryStream();
        var written = await exports.WriteObjectAsync(reader, Id(shared), null, null, sharedStream, Ct);

        Assert.Equal(Concord.Platform.ErrorKind.NotFound, hidden.Error!.Kind);
        Assert.Equal(0, hiddenStream.Length);
        Assert.True(written.IsSuccess);
        Assert.Equal(new[] { Id(shared), Id(author), TlpMarkings.GreenId }, Objects(sharedStream.ToArray()).Select(o => o.Id));
    }

    private static async Task<(List<(string Id, string Json)> Objects, ExportSummary Summary)> ExportAsync(IntelHarness h, Concord.Access.Principal principal, ObjectQuery query)
    {
        using var stream = new MemoryStream();
        var summary = await h.Exports.WriteAsync(principal, query, ExportFormat.Stix, stream, Ct);
        return (Objects(stream.ToArray()), summary);
    }

    private static List<(string Id, string Json)> Objects(byte[] bundle)
    {
        using var document = JsonDocument.Parse(bundle);
        Assert.Equal("bundle", document.RootElement.GetProperty("type").GetString());
        return [.. document.RootElement.GetProperty("objects").EnumerateArray().Select(o => (o.GetProperty("id").GetString()!, o.GetRawText()))];
    }

    /// <summary>Compares JSON texts by their tokens, whitespace aside.</summary>
    private sealed class JsonEquality : IEqualityComparer<string>
    {
        public static readonly JsonEquality Instance = new();

        public bool Equals(string? x, string? y) => JsonNode.DeepEquals(JsonNode.Parse(x!), JsonNode.Parse(y!));

        public int GetHashCode(string obj) => 0;
    }
}
