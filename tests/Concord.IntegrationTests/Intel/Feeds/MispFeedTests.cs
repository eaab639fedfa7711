using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel.Feeds;

/// <summary>
/// The real Infoblox MISP feed, served over HTTP on 127.0.0.1 and pulled through the outbound client: whole once per
/// store, and its smallest events for what a run does with changed, missing and broken ones.
/// </summary>
public class MispFeedTests
{
    /// <summary>Events kept when a test is about which events a run fetches, not about how much goes in.</summary>
    private const int Few = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task InfobloxFeed_ImportsCompletely_ThenANoChangePullIsOneRequest(Store store)
    {
        await using var server = await FeedServer.StartAsync(SharedData.Path("misp", "feeds", "infoblox"));
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(FeedHttp.Misp(server.Url()));

        var first = await admin.RunFeedAsync(id);

        // Every event and every attribute goes in, those whose value ends in a space ("ipv4.mikifox.com ") too: the
        // import trims values as MISP does when it saves them.
        Assert.Equal((41, 0, 0, 42), (first.Int("events_fetched"), first.Int("events_failed"), first.Int("events_skipped"), first.Int("requests")));
        Assert.True(Untrimmed(server.Root) > 0, "the feed has values with stray spaces");
        Assert.Equal(0, first.Long("rejected"));
        Assert.True(first.Long("stored") >= Attributes(server.Root), $"stored {first.Long("stored")}");

        // Another member reads what the feed brought (CLEAR, alliance), attributed to Alpha.
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        using var list = await bravo.GetAsync("/api/v1/objects?type=report&limit=100", Ct);
        Assert.Equal(41, (await list.JsonAsync()).GetProperty("objects").GetArrayLength());

        var second = await admin.RunFeedAsync(id);
        Assert.Equal((1, 0, 0L), (second.Int("requests"), second.Int("events_fetched"), second.Long("stored")));
        Assert.Equal((43, 2), (server.Requests.Count, server.Requests.Count(r => r == "manifest.json")));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ChangedEvent_IsFetchedAgain_UnchangedOnesCostNoRequest(Store store)
    {
        await using var server = await FeedServer.StartAsync(SharedData.Path("misp", "feeds", "infoblox"));
        server.Validators = false;
        Keep(server.Root, Few);
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(FeedHttp.Misp(server.Url()));
        await admin.RunFeedAsync(id);

        // Without validators the manifest is read again, and its unchanged timestamps end the run there.
        var unchanged = await admin.RunFeedAsync(id);
        Assert.Equal((1, 0, Few), (unchanged.Int("requests"), unchanged.Int("events_fetched"), unchanged.Int("events_skipped")));

        var changed = Touch(server.Root);
        var next = await admin.RunFeedAsync(id);

        Assert.Equal((2, 1, Few - 1), (next.Int("requests"), next.Int("events_fetched"), next.Int("events_skipped")));
        Assert.True(next.Long("stored") >= 1);
        Assert.Equal(2, server.Requests.Count(r => r == changed + ".json"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task MissingAndBrokenEvents_AreNamed_TheRestImported_AndTriedAgain(Store store)
    {
        await using var server = await FeedServer.StartAsync(SharedData.Path("misp", "feeds", "infoblox"));
        File.Copy(SharedData.Path("misp", "feeds", "infoblox-manifest.upstream.json"), Path.Combine(server.Root, "manifest.json"), overwrite: true);
        Keep(server.Root, Few);
        var broken = Directory.GetFiles(server.Root, "*-*.json").Order(StringComparer.Ordinal).First();
        await File.WriteAllTextAsync(broken, "{\"Event\": {\"uuid\": ", Ct);
        await using var node = await TestNode.StartAsync(store, FeedHttp.AllowLoopback);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.OrgAdmin);
        var id = await admin.CreateFeedAsync(FeedHttp.Misp(server.Url()));

        var run = await admin.RunFeedAsync(id);

        // Upstream's manifest lists 5 events the folder does not hold; plus the one broken here.
        Assert.Equal((Few - 1, 6), (run.Int("events_fetched"), run.Int("events_failed")));
        var error = run.GetProperty("error").GetString()!;
        Assert.Contains("404", error, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileNameWithoutExtension(broken), error, StringComparison.Ordinal);

        // The failed events are tried again next time (the manifest's validators were not kept); the others are skipped.
        var again = await admin.RunFeedAsync(id);
        Assert.Equal((0, 6, Few - 1), (again.Int("events_fetched"), again.Int("events_failed"), again.Int("events_skipped")));
    }

    /// <summary>
    /// Trims the served feed to its <paramref name="events"/> smallest events: the others' files and manifest entries go.
    /// Entries of events the folder never held (upstream's manifest lists some) stay.
    /// </summary>
    private static void Keep(string root, int events)
    {
        var files = Directory.GetFiles(root, "*-*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => new FileInfo(f).Length);
        var dropped = files.OrderBy(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Skip(events).Select(f => f.Key).ToList();
        var manifestPath = Path.Combine(root, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        foreach (var uuid in dropped)
        {
            File.Delete(Path.Combine(root, uuid + ".json"));
            manifest.Remove(uuid);
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    /// <summary>Moves one event's timestamp forward in the manifest and its file; answers its UUID.</summary>
    private static string Touch(string root)
    {
        var manifestPath = Path.Combine(root, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        var uuid = manifest.First().Key;
        var timestamp = long.Parse(manifest[uuid]!["timestamp"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) + 3600;
        manifest[uuid]!["timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var eventPath = Path.Combine(root, uuid + ".json");
        var document = JsonNode.Parse(File.ReadAllText(eventPath))!;
        document["Event"]!["timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        document["Event"]!["info"] = document["Event"]!["info"]!.ToString() + " (updated)";
        File.WriteAllText(eventPath, document.ToJsonString());
        return uuid;
    }

    private static long Untrimmed(string root) => Directory.GetFiles(root, "*-*.json")
        .Sum(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("Event").GetProperty("Attribute").EnumerateArray()
            .Count(a => a.GetProperty("value").GetString() is { } v && v != v.Trim()));

    /// <summary>Attributes in the feed's events: each becomes at least one stored object.</summary>
    private static int Attributes(string root) => Directory.GetFiles(root, "*-*.json")
        .Sum(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("Event").GetProperty("Attribute").GetArrayLength());
}
