using System.Net;
using System.Text.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Testing;

namespace Concord.IntegrationTests.Intel;

/// <summary>MISP JSON through <c>POST /api/v1/objects/import</c>: recognised, converted, validated and stored like a bundle.</summary>
public class MispImportTests
{
    private const string CloudMensis = "7a1f92cb-dba7-425f-aacd-85b80ff5cb9a";
    private const string Turla = "5b773e07-e694-458b-b99c-27f30a016219";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> EventAsync(params string[] path) => File.ReadAllTextAsync(SharedData.Path(["misp", "events", .. path]), Ct);

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_MispApiExport_StoresTheEventAsStixAndSaysWhatItRead(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        using var response = await alpha.ImportAsync(await EventAsync("eset", "cloudmensis", "cloudmensis.misp.json"), "tlp=green");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal("misp", report.GetProperty("format").GetString());
        var misp = report.GetProperty("misp");
        Assert.Equal((1, 8), (misp.GetProperty("events").GetInt32(), misp.GetProperty("objects").GetInt32()));
        Assert.Equal((0, report.GetProperty("processed").GetInt32()), (report.GetProperty("rejected").GetInt32(), report.GetProperty("stored").GetInt32()));

        // Distribution 1 ("this community") is the alliance: another member reads the grouping and its creator.
        using var grouping = await bravo.GetAsync($"/api/v1/objects/grouping--{CloudMensis}", Ct);
        Assert.Equal(HttpStatusCode.OK, grouping.StatusCode);
        var stored = await grouping.JsonAsync();
        Assert.Equal(("GREEN", "alliance"), (stored.GetProperty("tlp").GetString(), stored.GetProperty("scope").GetString()));
        Assert.Equal("identity--55f6ea5e-51ac-4344-bc8c-4170950d210f", stored.GetProperty("object").GetProperty("created_by_ref").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_SameMispEventAgain_UpdatesNothingAndDuplicatesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var json = await EventAsync("eset", "turla", "misp-turla-outlook-event.json");

        var first = await (await alpha.ImportAsync(json)).JsonAsync();
        var second = await (await alpha.ImportAsync(json)).JsonAsync();

        Assert.Equal(0, second.GetProperty("stored").GetInt32());
        Assert.True(first.GetProperty("stored").GetInt32() > 0);
        Assert.Equal(first.GetProperty("stored").GetInt32(), second.GetProperty("duplicates").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_EventChangedInMisp_AddsNewVersionsOfWhatChanged(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        const string Indicator = "indicator--6b1d2e3f-0000-4000-8000-000000000001";
        static string Version(string timestamp, string comment) => $$$"""
            {"Event":{"uuid":"6b1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5","info":"Changing","timestamp":"{{{timestamp}}}","distribution":"0",
             "Attribute":[{"uuid":"6b1d2e3f-0000-4000-8000-000000000001","type":"domain","category":"Network activity","value":"c2.evil.example",
              "to_ids":true,"timestamp":"{{{timestamp}}}","comment":"{{{comment}}}"}]}}
            """;

        (await alpha.ImportAsync(Version("1600000000", "first seen"))).EnsureSuccessStatusCode();
        (await alpha.ImportAsync(Version("1600086400", "now the C2"))).EnsureSuccessStatusCode();

        using var versions = await alpha.GetAsync($"/api/v1/objects/{Indicator}/versions", Ct);
        var list = (await versions.JsonAsync()).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["2020-09-13T12:26:40.000Z", "2020-09-14T12:26:40.000Z"], list.Select(v => v.GetProperty("version").GetString()));
        using var latest = await alpha.GetAsync($"/api/v1/objects/{Indicator}", Ct);
        Assert.Equal("now the C2", (await latest.JsonAsync()).GetProperty("object").GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_DistributionYourOrganisationOnly_IsReadByTheOwnerOnly(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        (await alpha.ImportAsync(await EventAsync("eset", "turla", "misp-turla-outlook-event.json"), "tlp=clear")).EnsureSuccessStatusCode();

        using var own = await alpha.GetAsync($"/api/v1/objects/grouping--{Turla}", Ct);
        Assert.Equal("owner", (await own.JsonAsync()).GetProperty("scope").GetString());
        using var other = await bravo.GetAsync($"/api/v1/objects/grouping--{Turla}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Empty(await bravo.ListIdsAsync("type=observed-data"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_RequestedScope_OverridesMispsDistribution_AndIsCheckedAgainstTheTlpAsAlways(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        var json = await EventAsync("eset", "turla", "misp-turla-outlook-event.json");

        await (await alpha.ImportAsync(json, "tlp=green&scope=public")).AssertProblemAsync(HttpStatusCode.BadRequest, "scope-wider-than-tlp");
        (await alpha.ImportAsync(json, "tlp=green&scope=alliance")).EnsureSuccessStatusCode();

        using var grouping = await bravo.GetAsync($"/api/v1/objects/grouping--{Turla}", Ct);
        Assert.Equal("alliance", (await grouping.JsonAsync()).GetProperty("scope").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AttributesSharedNarrowerThanTheirEvent_StayTheOwnersAndTheReportDoesNotNameThem(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);

        // ESET's event is for all communities; four detection names in it are for ESET only (distribution 0).
        (await alpha.ImportAsync(await EventAsync("eset", "turla", "misp-turla-wateringhole-armenia-event.json"), "tlp=clear")).EnsureSuccessStatusCode();

        var hidden = (await alpha.ListIdsAsync("type=x-misp-attribute")).Except(await bravo.ListIdsAsync("type=x-misp-attribute")).ToList();
        Assert.Equal(4, hidden.Count);
        using var grouping = await bravo.GetAsync("/api/v1/objects/grouping--5e692da1-d834-4481-bdc0-11970a019371", Ct);
        var refs = (await grouping.JsonAsync()).GetProperty("object").GetProperty("object_refs").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.DoesNotContain(refs, hidden.Contains);
        using var one = await bravo.GetAsync($"/api/v1/objects/{hidden[0]}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_MalformedMispFile_Answers400NamingTheEventAndStoresNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var json = await File.ReadAllTextAsync(SharedData.Path("misp", "events-malformed", "eset", "pypi_backdoor", "malicious_pypi_packages.misp-event.json"), Ct);

        using var response = await alpha.ImportAsync(json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bundle-rejected");
        var issue = (await response.JsonAsync()).GetProperty("errors")[0].GetProperty("issues")[0];
        Assert.Equal("json-syntax", issue.GetProperty("rule").GetString());
        Assert.StartsWith("$.response[0].Event.Tag[", issue.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Contains("a1bbc1b7-55d1-4f67-9fce-7de5d892f840 \"Malicious PyPI packages\"", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await alpha.ListIdsAsync(string.Empty));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_AttributeWithAnInvalidValue_NamesEventAndAttribute_AllOrNothingStoresNothing_BestEffortTheRest(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        var json = """
            {"Event":{"uuid":"6a0c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4","info":"Two addresses","timestamp":"1600000000","distribution":"0",
             "Orgc":{"uuid":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","name":"Alpha CERT"},
             "Attribute":[
              {"uuid":"6a0c1d2e-0000-4000-8000-000000000001","type":"ip-dst","category":"Network activity","value":"203.0.113.7","to_ids":true,"timestamp":"1600000000"},
              {"uuid":"6a0c1d2e-0000-4000-8000-000000000002","type":"ip-dst","category":"Network activity","value":"999.1.2.3","to_ids":true,"timestamp":"1600000000"}]}}
            """;

        using var rejected = await alpha.ImportAsync(json);
        await rejected.AssertProblemAsync(HttpStatusCode.BadRequest, "bundle-rejected");
        var issue = Assert.Single((await rejected.JsonAsync()).GetProperty("errors").EnumerateArray().SelectMany(e => e.GetProperty("issues").EnumerateArray()));
        Assert.Equal(("$.Event.Attribute[1].value", "misp-attribute-value"), (issue.GetProperty("path").GetString(), issue.GetProperty("rule").GetString()));
        Assert.StartsWith("Event 6a0c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4 \"Two addresses\", attribute 6a0c1d2e-0000-4000-8000-000000000002 ip-dst '999.1.2.3': '999.1.2.3' is not an IP address",
            issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await alpha.ListIdsAsync(string.Empty));

        using var partial = await alpha.ImportAsync(json, "policy=best-effort");
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains("indicator--6a0c1d2e-0000-4000-8000-000000000001", await alpha.ListIdsAsync("type=indicator"));
        Assert.DoesNotContain("indicator--6a0c1d2e-0000-4000-8000-000000000002", await alpha.ListIdsAsync("type=indicator"));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_BodyInNoKnownFormat_Answers400UnknownFormatAndQueuesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);

        await (await alpha.ImportAsync("""{"hello":"world"}""")).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-format");
        await (await alpha.ImportAsync("id,value\n1,evil.example\n", "async=true")).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown-format");

        using var jobs = await alpha.GetAsync("/api/v1/jobs", Ct);
        Assert.Equal(0, (await jobs.JsonAsync()).GetProperty("jobs").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Import_MispAsAJob_FinishesWithTheMispCounts(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);

        using var response = await alpha.ImportAsync(await EventAsync("pymisp", "mispevent_testfiles", "proposals.json"), "async=true&policy=best-effort");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await WaitAsync(alpha, response.Headers.Location!.ToString());
        Assert.Equal(("succeeded", "misp"), (job.GetProperty("state").GetString(), job.GetProperty("format").GetString()));
        Assert.Equal(2, job.GetProperty("misp").GetProperty("proposals").GetInt32());
        Assert.True(job.GetProperty("stored").GetInt32() > 0);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var status = await client.GetAsync(location, Ct);
            var body = await status.JsonAsync();
            if (body.GetProperty("state").GetString() is not ("queued" or "running"))
            {
                return body;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The job did not finish.");
    }
}
