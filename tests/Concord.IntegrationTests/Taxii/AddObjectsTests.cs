using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Stix;
using static Concord.IntegrationTests.Intel.Bundles;
using static Concord.IntegrationTests.Taxii.TaxiiHarness;

namespace Concord.IntegrationTests.Taxii;

/// <summary>T 5.5 Add Objects and T 4.3 Get Status.</summary>
public class AddObjectsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_ValidEnvelope_Answers202WithACompleteStatus_AndTheObjectsAreServed(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var a = Indicator(tlp: Tlp.Green);
        var b = Indicator(tlp: Tlp.Green);

        using var response = await client.PostAsync(Alliance + "objects/", Envelope(a, b), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        AssertTaxii(response);
        var status = await JsonAsync(response);
        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal((2, 2, 0, 0), Counts(status));
        Assert.Equal([a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>()], status["successes"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.All(status["successes"]!.AsArray(), s => Assert.Equal("2026-01-01T00:00:00.000Z", s!["version"]!.GetValue<string>()));
        Assert.Matches(@"\.\d{6}Z$", status["request_timestamp"]!.GetValue<string>());

        var id = status["id"]!.GetValue<string>();
        using var polled = await client.GetAsync(Root + $"status/{id}/", Ct);
        using var unslashed = await client.GetAsync(Root + $"status/{id}", Ct);
        Assert.Equal(Json(status), Json(await JsonAsync(polled)));
        Assert.Equal(HttpStatusCode.OK, unslashed.StatusCode);
        var bravo = await h.ClientAsync("Bravo");
        Assert.Equal(2, Ids(await JsonAsync(await bravo.GetAsync(Alliance + "objects/", Ct))).Count);
        await AssertErrorAsync(await bravo.GetAsync(Root + $"status/{id}/", Ct), 404);
        await AssertErrorAsync(await client.GetAsync(Root + $"status/{Guid.NewGuid()}/", Ct), 404);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_SameObjectsTwice_IsIdempotent(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var a = Indicator(tlp: Tlp.Green);

        await client.PostAsync(All + "objects/", Envelope(a), Ct);
        using var again = await client.PostAsync(All + "objects/", Envelope(a), Ct);

        Assert.Equal((1, 1, 0, 0), Counts(await JsonAsync(again)));
        var versions = await JsonAsync(await client.GetAsync(All + $"objects/{a["id"]}/versions/", Ct));
        Assert.Single(versions["versions"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_InvalidObjects_AreFailuresWithTheirErrors_ValidOnesSucceed(Store store)
    {
        await using var h = await StartAsync(store);
        var client = await h.ClientAsync("Alpha");
        var valid = Indicator(tlp: Tlp.Green);
        var invalid = Indicator(tlp: Tlp.Green);
        invalid.Remove("pattern");
        var tooWide = Indicator(tlp: Tlp.Amber);

        using var response = await client.PostAsync(Alliance + "objects/", Envelope(valid, invalid, tooWide), Ct);
        var status = await JsonAsync(response);

        Assert.Equal((3, 1, 2, 0), Counts(status));
        var failures = status["failures"]!.AsArray();
        Assert.Equal([invalid["id"]!.GetValue<string>(), tooWide["id"]!.GetValue<string>()], failures.Select(f => f!["id"]!.GetValue<string>()));
        Assert.Contains("pattern", failures[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("scope", failures[1]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_RefusedRequests_AnswerTheSpecifiedCodesAsTaxiiErrors(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Taxii:MaxContentLength"] = "4096" });
        var analyst = await h.ClientAsync("Alpha");
        var reader = await h.ClientAsync("Alpha", Role.ReadOnly);

        var json = new StringContent(((JsonNode)new JsonObject { ["objects"] = new JsonArray() }).ToJsonString(), Encoding.UTF8, "application/json");
        await AssertErrorAsync(await analyst.PostAsync(All + "objects/", json, Ct), 415);
        var big = Envelope([.. Enumerable.Range(0, 20).Select(_ => Indicator(tlp: Tlp.Green))]);
        await AssertErrorAsync(await analyst.PostAsync(All + "objects/", big, Ct), 413);
        var notEnvelope = new StringContent("[1,2]", Encoding.UTF8);
        notEnvelope.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii21);
        await AssertErrorAsync(await analyst.PostAsync(All + "objects/", notEnvelope, Ct), 422);
        await AssertErrorAsync(await reader.PostAsync(All + "objects/", Envelope(Indicator()), Ct), 403);
        await AssertErrorAsync(await analyst.PostAsync(Root + $"collections/{Guid.NewGuid()}/objects/", Envelope(Indicator()), Ct), 404);
        await AssertErrorAsync(await h.Anonymous().PostAsync(All + "objects/", Envelope(Indicator()), Ct), 401);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Post_LargeEnvelope_RunsAsAJob_AndItsStatusCompletesWhenPolled(Store store)
    {
        await using var h = await StartAsync(store, new Dictionary<string, string?> { ["Concord:Intel:TaxiiSyncImportMaxBytes"] = "1024" });
        var client = await h.ClientAsync("Alpha");
        var objects = Enumerable.Range(0, 10).Select(_ => Indicator(tlp: Tlp.Green)).ToArray();
        var broken = Indicator(tlp: Tlp.Green);
        broken.Remove("valid_from");

        using var response = await client.PostAsync(All + "objects/", Envelope([.. objects, broken]), Ct);
        var status = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", status["status"]!.GetValue<string>());
        Assert.Equal((11, 0, 0, 11), Counts(status));
        Assert.Equal(11, status["pendings"]!.AsArray().Count);
        var id = status["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 600 && status["status"]!.GetValue<string>() == "pending"; attempt++)
        {
            await Task.Delay(50, Ct);
            status = await JsonAsync(await client.GetAsync(Root + $"status/{id}/", Ct));
        }

        Assert.Equal("complete", status["status"]!.GetValue<string>());
        Assert.Equal((11, 10, 1, 0), Counts(status));
        Assert.Equal(broken["id"]!.GetValue<string>(), status["failures"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(10, Ids(await JsonAsync(await client.GetAsync(All + "objects/", Ct))).Count);
    }

    private static (int Total, int Success, int Failure, int Pending) Counts(JsonObject status) => (
        status["total_count"]!.GetValue<int>(), status["success_count"]!.GetValue<int>(),
        status["failure_count"]!.GetValue<int>(), status["pending_count"]!.GetValue<int>());
}
