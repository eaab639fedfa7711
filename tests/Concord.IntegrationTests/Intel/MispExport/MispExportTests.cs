using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel;
using Concord.Intel.Features.Export;
using Concord.Stix;
using Concord.Stix.Markings;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.MispExport;

/// <summary>The MISP JSON export through <see cref="IIntelExports"/> on both stores: what the reader may read, and nothing else.</summary>
public class MispExportTests
{
    private const string AmberValue = "203.0.113.66";
    private const string OtherOrgValue = "203.0.113.99";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MispExport_ReaderGetsOnlyWhatItMayRead_AndNoEventReferencesTheRest(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var alpha = IntelHarness.Member(h.Directory.AddOrganisation());
        var bravo = IntelHarness.Member(h.Directory.AddOrganisation());
        var reader = IntelHarness.Member(h.Directory.AddOrganisation());
        var shared = Indicator(Tlp.Green, "198.51.100.7");
        var amber = Indicator(Tlp.Amber, AmberValue);
        var report = Report(Tlp.Green, shared, amber);
        await h.ImportAsync(alpha, Bundles.Bundle(shared, amber, report));
        await h.ImportAsync(bravo, Bundles.Bundle(Indicator(Tlp.Amber, OtherOrgValue)));

        var (readers, text) = await ExportAsync(h, reader);
        var (alphas, _) = await ExportAsync(h, alpha);

        var @event = Assert.Single(readers);
        Assert.Equal(Uuid(report), @event.GetProperty("uuid").GetString());
        var attribute = Assert.Single(@event.GetProperty("Attribute").EnumerateArray());
        Assert.Equal(("ip-dst", "198.51.100.7", true), (attribute.GetProperty("type").GetString(), attribute.GetProperty("value").GetString(), attribute.GetProperty("to_ids").GetBoolean()));
        Assert.Equal("tlp:green", @event.GetProperty("Tag")[0].GetProperty("name").GetString());
        Assert.DoesNotContain(AmberValue, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherOrgValue, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Uuid(amber), text, StringComparison.Ordinal);

        // The owner reads its AMBER indicator, so its event holds it (shared only with itself: distribution 0).
        var own = Assert.Single(alphas).GetProperty("Attribute").EnumerateArray().Single(a => a.GetProperty("value").GetString() == AmberValue);
        Assert.Equal(("0", "tlp:amber"), (own.GetProperty("distribution").GetString(), own.GetProperty("Tag")[0].GetProperty("name").GetString()));
        Assert.Empty(readers.Concat(alphas).SelectMany(e => PyMispRules.Problems(e)));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MispExport_ImportedEvent_ComesBackAsTheEventWithItsAttributesAndObjects(Store store)
    {
        await using var h = await IntelHarness.StartAsync(store);
        var owner = IntelHarness.Member(h.Directory.AddOrganisation());
        var original = await File.ReadAllTextAsync(SharedData.Path("misp", "events", "eset", "turla", "misp-turla-outlook-event.json"), Ct);
        await h.ImportAsync(owner, original);

        var (events, _) = await ExportAsync(h, owner);

        using var source = JsonDocument.Parse(original);
        var expected = source.RootElement.TryGetProperty("response", out var response) ? response[0].GetProperty("Event") : source.RootElement.GetProperty("Event");
        var @event = events.Single(e => e.GetProperty("uuid").GetString() == expected.GetProperty("uuid").GetString());
        Assert.Equal(expected.GetProperty("info").GetString(), @event.GetProperty("info").GetString());
        Assert.Equal(Uuids(expected, "Attribute"), Uuids(@event, "Attribute"));
        Assert.Equal(Uuids(expected, "Object"), Uuids(@event, "Object"));
        Assert.Empty(events.SelectMany(e => PyMispRules.Problems(e)));
    }

    private static IEnumerable<string> Uuids(JsonElement @event, string name) =>
        @event.TryGetProperty(name, out var items) ? items.EnumerateArray().Where(i => !i.TryGetProperty("deleted", out var d) || d.ValueKind != JsonValueKind.True)
            .Select(i => i.GetProperty("uuid").GetString()!).Order(StringComparer.Ordinal) : [];

    private static async Task<(List<JsonElement> Events, string Text)> ExportAsync(IntelHarness h, Principal principal)
    {
        using var stream = new MemoryStream();
        await h.Exports.WriteAsync(principal, new ObjectQuery(), ExportFormat.Misp, stream, Ct);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        using var document = JsonDocument.Parse(text);
        return (document.RootElement.GetProperty("response").EnumerateArray().Select(e => e.GetProperty("Event").Clone()).ToList(), text);
    }

    private static JsonObject Indicator(Tlp tlp, string ip)
    {
        var indicator = Bundles.Indicator(tlp: tlp, name: ip);
        indicator["pattern"] = $"[ipv4-addr:value = '{ip}']";
        return indicator;
    }

    private static JsonObject Report(Tlp tlp, params JsonObject[] members) => new()
    {
        ["type"] = "report",
        ["spec_version"] = "2.1",
        ["id"] = Bundles.NewId("report"),
        ["created"] = "2026-01-01T00:00:00.000Z",
        ["modified"] = "2026-01-01T00:00:00.000Z",
        ["published"] = "2026-01-01T00:00:00Z",
        ["name"] = "Shared and not",
        ["object_refs"] = new JsonArray([.. members.Select(m => (JsonNode)(string)m["id"]!)]),
        ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
    };

    private static string Uuid(JsonObject stix) => ((string)stix["id"]!).Split("--")[1];
}
