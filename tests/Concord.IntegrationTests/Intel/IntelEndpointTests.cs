using System.Net;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel;

public class IntelEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_SmallBundle_AnswersTheReportAndTheObjectReadsBackExactly(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var indicator = Bundles.Indicator(tlp: Stix.Tlp.Green);

        using var response = await client.ImportAsync(Bundles.Bundle(indicator));
        var report = await response.JsonAsync();
        using var get = await client.GetAsync($"/api/v1/objects/{indicator["id"]}", Ct);
        var stored = await get.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report.GetProperty("stored").GetInt32());
        Assert.Equal(("GREEN", "alliance"), (stored.GetProperty("tlp").GetString(), stored.GetProperty("scope").GetString()));
        Assert.True(JsonNode.DeepEquals(indicator, JsonNode.Parse(stored.GetProperty("object").GetRawText())));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AllOrNothingWithAnInvalidObject_AnswersProblemDetailsListingIt(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bad = Bundles.Indicator(modified: "soon");

        using var response = await client.ImportAsync(Bundles.Bundle(Bundles.Indicator(), bad));
        var problem = await response.JsonAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bundle-rejected");
        Assert.Equal("objects", problem.GetProperty("field").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(bad["id"]!.GetValue<string>(), error.GetProperty("id").GetString());
        Assert.Empty(await client.ListIdsAsync(string.Empty));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_InvalidParameters_AnswerProblemDetailsNamingFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bundle = Bundles.Bundle(Bundles.Indicator());

        await (await client.ImportAsync(bundle, "policy=sometimes")).AssertProblemAsync(HttpStatusCode.BadRequest, "policy-unknown");
        await (await client.ImportAsync(bundle, "tlp=purple")).AssertProblemAsync(HttpStatusCode.BadRequest, "tlp-unknown");
        await (await client.ImportAsync(bundle, "scope=everyone")).AssertProblemAsync(HttpStatusCode.BadRequest, "scope-unknown");
        await (await client.ImportAsync(bundle, "scope=recipients")).AssertProblemAsync(HttpStatusCode.BadRequest, "audience-required");
        await (await client.ImportAsync(bundle, "recipients=not-a-uuid")).AssertProblemAsync(HttpStatusCode.BadRequest, "uuid-format");
        await (await client.GetAsync("/api/v1/objects?cursor=%%%", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "cursor-invalid");
        await (await client.GetAsync("/api/v1/objects?limit=0", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "range");
        await (await client.GetAsync("/api/v1/objects/indicator--x?version=yesterday", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "timestamp-format");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_BodyOverTheLimit_Answers413ProblemDetails(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Intel:MaxImportBytes"] = "2000" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);

        using var response = await client.ImportAsync(Bundles.Bundle([.. Enumerable.Range(0, 10).Select(_ => Bundles.Indicator())]));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_LargeBody_RunsAsAJobWithAStatusResource(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Intel:SyncImportMaxBytes"] = "1000" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);

        using var response = await client.ImportAsync(Bundles.Bundle([.. Enumerable.Range(0, 20).Select(_ => Bundles.Indicator())]), "policy=best-effort");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var state = "queued";
        for (var attempt = 0; attempt < 600 && state is "queued" or "running"; attempt++)
        {
            await Task.Delay(50, Ct);
            using var status = await client.GetAsync(location, Ct);
            var body = await status.JsonAsync();
            state = body.GetProperty("state").ToString();
            if (state == "succeeded")
            {
                Assert.Equal(20, body.GetProperty("stored").GetInt32());
            }
        }

        Assert.Equal("succeeded", state);
        Assert.Equal(20, (await client.ListIdsAsync(string.Empty)).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Delete_WithVersions_RemovesOnlyThoseVersions_AndABadVersionIsAProblem(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var id = Bundles.NewId();
        (await client.ImportAsync(Bundles.Bundle(
            Bundles.Indicator(id, "2026-01-01T00:00:00.000Z"), Bundles.Indicator(id, "2026-02-01T00:00:00.000Z"), Bundles.Indicator(id, "2026-03-01T00:00:00.000Z")))).EnsureSuccessStatusCode();

        await (await client.DeleteAsync($"/api/v1/objects/{id}?version=last-tuesday", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "timestamp-format");
        await (await client.DeleteAsync($"/api/v1/objects/{id}?version=2026-04-01T00:00:00Z", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var deleted = await client.DeleteAsync($"/api/v1/objects/{id}?version=2026-01-01T00:00:00.000Z,2026-03-01T00:00:00.000Z", Ct);

        var body = await deleted.JsonAsync();
        Assert.Equal((2, 1), (body.GetProperty("versionsRemoved").GetInt32(), body.GetProperty("versionsLeft").GetInt32()));
        using var latest = await client.GetAsync($"/api/v1/objects/{id}", Ct);
        Assert.Equal("2026-02-01T00:00:00.000Z", (await latest.JsonAsync()).GetProperty("version").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RevokeAndDelete_ByTheOwner_SucceedAndLeaveAVersionAndATombstone(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var client = await alliance.ClientAsync("Alpha", Role.Analyst);
        var other = await alliance.ClientAsync("Bravo", Role.Analyst);
        var indicator = Bundles.Indicator(tlp: Stix.Tlp.Green);
        var id = indicator["id"]!.GetValue<string>();
        (await client.ImportAsync(Bundles.Bundle(indicator))).EnsureSuccessStatusCode();

        await (await other.PostAsync($"/api/v1/objects/{id}/revoke", null, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var revoked = await client.PostAsync($"/api/v1/objects/{id}/revoke", null, Ct);
        Assert.True((await revoked.JsonAsync()).GetProperty("revoked").GetBoolean());
        using var versions = await client.GetAsync($"/api/v1/objects/{id}/versions", Ct);
        Assert.Equal(2, (await versions.JsonAsync()).GetProperty("versions").GetArrayLength());

        using var deleted = await client.DeleteAsync($"/api/v1/objects/{id}", Ct);
        Assert.Equal(2, (await deleted.JsonAsync()).GetProperty("versionsRemoved").GetInt32());
        await (await client.GetAsync($"/api/v1/objects/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task IntelEndpoints_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, AuthorizationMatrix.Home, AuthorizationMatrix.Other);
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);
        string NewBundle(out string id)
        {
            var o = Bundles.Indicator(tlp: Stix.Tlp.Green);
            id = o["id"]!.GetValue<string>();
            return Bundles.Bundle(o);
        }

        var owner = await alliance.ClientAsync(AuthorizationMatrix.Home, Role.Analyst);
        var ids = new Dictionary<MatrixCaller, string>();
        foreach (var caller in Enum.GetValues<MatrixCaller>())
        {
            (await owner.ImportAsync(NewBundle(out var id))).EnsureSuccessStatusCode();
            ids[caller] = id;
        }

        // Anonymous, read-only, analyst, other org's admin (can see GREEN, does not own it), org admin, secretariat, node admin.
        await matrix.CheckAsync("import", "401 403 200 200 200 200 200", (_, c) => c.ImportAsync(NewBundle(out var _)));
        await matrix.CheckAsync("list", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/objects", Ct));
        await matrix.CheckAsync("get", "401 200 200 200 200 200 200", (who, c) => c.GetAsync($"/api/v1/objects/{ids[who]}", Ct));
        await matrix.CheckAsync("versions", "401 200 200 200 200 200 200", (who, c) => c.GetAsync($"/api/v1/objects/{ids[who]}/versions", Ct));
        await matrix.CheckAsync("revoke", "401 403 200 403 200 200 200", (who, c) => c.PostAsync($"/api/v1/objects/{ids[who]}/revoke", null, Ct));
        await matrix.CheckAsync("delete", "401 403 200 403 200 200 200", (who, c) => c.DeleteAsync($"/api/v1/objects/{ids[who]}", Ct));
        await matrix.CheckAsync("jobs", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/jobs", Ct));
        matrix.AssertAll();
    }
}
