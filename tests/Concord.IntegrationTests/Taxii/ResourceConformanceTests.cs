using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Stix;
using Microsoft.Extensions.Options;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// The shape of TAXII resources clause by clause: T 2 (no empty lists, I-JSON integers), T 4.2 (max_content_length
/// boundary), T 4.3.1 (status fields and the counts taxii2-client checks), T 5.1.1 (no collections), T 5.5 (what
/// is refused per object), T 5.8 (versions of unversioned objects), T 7.1.1 (unknown custom properties).
/// </summary>
public class ResourceConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ApiRootWithoutCollections_AnswersAnEmptyResource_NotAnEmptyList(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?>
        {
            ["Concord:Taxii:ApiRoots:0:Name"] = "bare",
            ["Concord:Taxii:ApiRoots:0:Title"] = "A root with nothing in it",
        });
        var client = await h.ClientAsync("Alpha");

        using var response = await client.GetAsync("/taxii2/bare/collections/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_ABodyOfExactlyMaxContentLength_IsAccepted_OneByteMoreIs413(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:MaxContentLength"] = "4096" });
        var client = await h.ClientAsync("Alpha");

        using var exact = await client.PostAsync(All + "objects/", Padded(Indicator(tlp: Tlp.Green), 4096), Ct);
        using var over = await client.PostAsync(All + "objects/", Padded(Indicator(tlp: Tlp.Green), 4097), Ct);

        Assert.Equal(HttpStatusCode.Accepted, exact.StatusCode);
        await AssertErrorAsync(over, 413);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("9007199254740993")]
    public async Task MaxContentLength_BeyondWhatTheServerCanBufferOrIJsonCanCarry_IsRefusedAtStart(string length)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestNode.StartAsync(Store.Sqlite, new Dictionary<string, string?>
        {
            ["Concord:Taxii:MaxContentLength"] = length,
        }));

        Assert.Contains("MaxContentLength", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Status_HasAUuidV4_CountsThatAddUp_AndLeavesEmptyListsOut(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var broken = Indicator(tlp: Tlp.Green);
        broken.Remove("pattern");
        var stix20 = Indicator(tlp: Tlp.Green);
        stix20["spec_version"] = "2.0";

        using var response = await client.PostAsync(All + "objects/", Envelope(broken, stix20), Ct);
        var status = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(4, Guid.Parse(status["id"]!.GetValue<string>()).Version);
        AssertCountsAddUp(status);
        Assert.Equal((2, 0), (status["failure_count"]!.GetValue<int>(), status["success_count"]!.GetValue<int>()));
        Assert.Null(status["successes"]);
        Assert.Null(status["pendings"]);
        var failures = status["failures"]!.AsArray();
        Assert.All(failures, f => Assert.Equal("2026-01-01T00:00:00.000Z", f!["version"]!.GetValue<string>()));
        Assert.Contains("spec_version", failures[1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_EnvelopeWithUnknownCustomProperties_IgnoresThemAndAddsTheObjects(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var indicator = Indicator(tlp: Tlp.Green);
        var body = new JsonObject
        {
            ["x_example_com_batch"] = new JsonObject { ["note"] = "ignored" },
            ["more"] = false,
            ["objects"] = new JsonArray(indicator.DeepClone()),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii21);

        using var response = await client.PostAsync(All + "objects/", content, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await JsonAsync(response))["success_count"]!.GetValue<int>());
        Assert.Equal([indicator["id"]!.GetValue<string>()], Ids(await JsonAsync(await client.GetAsync(All + "objects/", Ct))));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Versions_OfUnversionedObjects_UseCreated_ElseAServerConsistentValue(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var marking = new JsonObject
        {
            ["type"] = "marking-definition",
            ["spec_version"] = "2.1",
            ["id"] = NewId("marking-definition"),
            ["created"] = "2026-01-05T00:00:00.000Z",
            ["definition_type"] = "statement",
            ["definition"] = new JsonObject { ["statement"] = "Copyright 2026 Alpha CERT" },
        };
        var address = new JsonObject { ["type"] = "ipv4-addr", ["spec_version"] = "2.1", ["id"] = "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", ["value"] = "198.51.100.3" };
        var status = await JsonAsync(await client.PostAsync(All + "objects/", Envelope(marking, address), Ct));
        Assert.Equal(2, status["success_count"]!.GetValue<int>());

        var markingVersions = await JsonAsync(await client.GetAsync(All + $"objects/{marking["id"]}/versions/", Ct));
        var addressVersions = await JsonAsync(await client.GetAsync(All + $"objects/{address["id"]}/versions/", Ct));
        var again = await JsonAsync(await client.GetAsync(All + $"objects/{address["id"]}/versions/", Ct));
        var manifest = await JsonAsync(await client.GetAsync(All + $"manifest/?match[id]={address["id"]}", Ct));

        Assert.Equal(["2026-01-05T00:00:00.000Z"], markingVersions["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var scoVersion = Assert.Single(addressVersions["versions"]!.AsArray())!.GetValue<string>();
        Assert.Equal(Json(addressVersions), Json(again));
        Assert.Equal(scoVersion, manifest["objects"]![0]!["version"]!.GetValue<string>());
        Assert.Equal(scoVersion, status["successes"]![1]!["version"]!.GetValue<string>());
    }

    /// <summary>What taxii2-client checks of every status: the counts add up, and each list holds as many entries as its count.</summary>
    internal static void AssertCountsAddUp(JsonObject status)
    {
        int Count(string name) => status[name]!.GetValue<int>();
        Assert.Equal(Count("total_count"), Count("success_count") + Count("failure_count") + Count("pending_count"));
        foreach (var (list, count) in new[] { ("successes", "success_count"), ("failures", "failure_count"), ("pendings", "pending_count") })
        {
            Assert.Equal(Count(count), status[list]?.AsArray().Count ?? 0);
        }
    }

    private static StringContent Padded(JsonNode indicator, int bytes)
    {
        var json = new JsonObject { ["objects"] = new JsonArray(indicator.DeepClone()) }.ToJsonString();
        var content = new StringContent(json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json)), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii21);
        return content;
    }
}
