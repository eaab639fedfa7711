using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.IntegrationTests.Taxii;
using Concord.Stix;

namespace Concord.IntegrationTests.Intel;

/// <summary>
/// An unpaired surrogate escape (<c>\ud800</c>) anywhere in an object is that object's error, never a 500: REST
/// best-effort stores the others, all-or-nothing stores none, TAXII reports a failure in the status.
/// </summary>
public class BadTextTests
{
    private const string Marker = "BAD-TEXT-HERE";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three valid indicators and, at index 2, one whose <paramref name="where"/> holds <c>\ud800</c>.</summary>
    private static (JsonObject[] Objects, string Json) WithBadText(string where)
    {
        var objects = Enumerable.Range(0, 4).Select(_ => Bundles.Indicator(tlp: Tlp.Green)).ToArray();
        switch (where)
        {
            case "name": objects[2]["name"] = Marker; break;
            case "description": objects[2]["description"] = "before " + Marker; break;
            case "custom": objects[2]["x_custom"] = new JsonObject { ["kept"] = new JsonArray("fine", Marker) }; break;
            case "key": objects[2]["x_" + Marker] = 1; break;
        }

        // Written by hand: a JSON writer would not emit a lone surrogate.
        return (objects, Bundles.Bundle(objects).Replace(Marker, "\\ud800", StringComparison.Ordinal));
    }

    public static TheoryData<Store, string, string> Cases()
    {
        var data = new TheoryData<Store, string, string>();
        foreach (var store in new[] { Store.Sqlite, Store.Postgres })
        {
            data.Add(store, "name", "$.objects[2].name");
            data.Add(store, "description", "$.objects[2].description");
            data.Add(store, "custom", "$.objects[2].x_custom.kept[1]");
            data.Add(store, "key", "$.objects[2]['x_\\ud800']");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RestImport_BestEffortWithUnpairedSurrogate_StoresTheValidObjectsAndRejectsThatOne(Store store, string where, string path)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var (objects, json) = WithBadText(where);

        using var response = await client.ImportAsync(json, "policy=best-effort&scope=alliance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal((4, 3, 1), (report.GetProperty("processed").GetInt32(), report.GetProperty("stored").GetInt32(), report.GetProperty("rejected").GetInt32()));
        var rejected = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, rejected.GetProperty("index").GetInt32());
        var issue = Assert.Single(rejected.GetProperty("issues").EnumerateArray());
        Assert.Equal(("unpaired-surrogate", path), (issue.GetProperty("rule").GetString(), issue.GetProperty("path").GetString()));

        var listed = await client.ListIdsAsync(string.Empty);
        Assert.Equal(objects.Where((_, i) => i != 2).Select(o => o["id"]!.GetValue<string>()).ToHashSet(), listed);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RestImport_AllOrNothingWithUnpairedSurrogate_StoresNothingAndSaysWhere(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var (_, json) = WithBadText("description");

        using var response = await client.ImportAsync(json, "scope=alliance");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Contains("unpaired-surrogate", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await client.ListIdsAsync(string.Empty));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task JsonRequestBodiesWithAnUnpairedSurrogate_Answer400(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        foreach (var (client, url, body) in new[]
                 {
                     (analyst, "/api/v1/sightings", """{"value":"198.51.100.7\ud800","tlp":"green"}"""),
                     (analyst, "/api/v1/correlation/lookup", """{"values":["evil.example","\udc00"]}"""),
                     (analyst, "/api/v1/api-keys", """{"name":"key \ud800"}"""),
                     (admin, "/api/v1/correlation/exclusions", """{"value":"\ud800","kind":"exact"}"""),
                 })
        {
            using var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TaxiiPost_UnpairedSurrogate_IsThatObjectsFailureAndTheOthersAreAdded(Store store, string where, string path)
    {
        await using var h = await TaxiiHarness.StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var (objects, json) = WithBadText(where);
        var envelope = "{\"objects\":" + json[(json.IndexOf("\"objects\":", StringComparison.Ordinal) + 10)..];
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiHarness.Taxii21);

        using var response = await client.PostAsync(TaxiiHarness.Alliance + "objects/", content, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await TaxiiHarness.JsonAsync(response);
        Assert.Equal((4, 3, 1), (status["total_count"]!.GetValue<int>(), status["success_count"]!.GetValue<int>(), status["failure_count"]!.GetValue<int>()));
        var failure = Assert.Single(status["failures"]!.AsArray());
        Assert.Contains(path + ":", failure!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var read = TaxiiHarness.Ids(await TaxiiHarness.JsonAsync(await client.GetAsync(TaxiiHarness.Alliance + "objects/", Ct)));
        Assert.Equal(objects.Where((_, i) => i != 2).Select(o => o["id"]!.GetValue<string>()).Order(), read.Order());
    }
}
