using System.Net;
using System.Net.Http.Json;
using Concord.Access;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Correlation;

/// <summary>Over-correlation control: administrators' exclusions (exact, CIDR, regex) and values too common to list.</summary>
public class ExclusionAndCommonTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Exclusions_AddedAndRemovedByNodeAdmins_ApplyToTheNextLookup(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var analyst = await alliance.ClientAsync("Alpha", Role.Analyst);
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        await analyst.ImportOkAsync("tlp=green", CorrelationHttp.Indicator(
            "[ipv4-addr:value = '192.0.2.53'] OR [ipv4-addr:value = '10.1.0.0/16'] OR [domain-name:value = 'a.sinkhole.example'] OR [domain-name:value = 'kept.example'] OR [ipv4-addr:value = '198.51.100.1']"));
        Assert.NotEmpty(await analyst.CorrelatedIdsAsync("192.0.2.53"));

        using var forbidden = await analyst.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind = "exact", value = "192.0.2.53" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var exact = await admin.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind = "exact", value = "192.0.2.53", comment = "shared resolver" }, Ct);
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
        var exactId = (await exact.JsonAsync()).GetProperty("id").GetString();
        using var cidr = await admin.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind = "cidr", value = "10.0.0.0/8" }, Ct);
        Assert.Equal(HttpStatusCode.Created, cidr.StatusCode);
        using var regex = await admin.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind = "regex", value = @"\.sinkhole\.example$" }, Ct);
        Assert.Equal(HttpStatusCode.Created, regex.StatusCode);

        var body = await analyst.LookupJsonAsync("192.0.2.53", "10.1.2.3", "a.sinkhole.example", "kept.example", "0.0.0.0/0");
        var values = body.GetProperty("values").EnumerateArray().ToList();
        Assert.True(values[0].GetProperty("excluded").GetBoolean());
        Assert.Empty(CorrelationHttp.ObjectIds(values[0]));
        Assert.True(values[1].GetProperty("excluded").GetBoolean());
        Assert.True(values[2].GetProperty("excluded").GetBoolean());
        Assert.False(values[3].GetProperty("excluded").GetBoolean());
        Assert.NotEmpty(CorrelationHttp.ObjectIds(values[3]));

        // A network lookup skips stored networks inside an excluded range, but still finds the rest.
        Assert.DoesNotContain("10.1.0.0/16", values[4].Raw(), StringComparison.Ordinal);
        Assert.Contains("\"matchedValue\":\"198.51.100.1\"", values[4].Raw(), StringComparison.Ordinal);

        using var listed = await admin.GetAsync("/api/v1/correlation/exclusions", Ct);
        Assert.Equal(3, (await listed.JsonAsync()).GetProperty("exclusions").GetArrayLength());
        using var deleted = await admin.DeleteAsync($"/api/v1/correlation/exclusions/{exactId}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.NotEmpty(await analyst.CorrelatedIdsAsync("192.0.2.53"));
        using var gone = await admin.GetAsync($"/api/v1/correlation/exclusions/{exactId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("cidr", "10.0.0.0/33", "exclusion-cidr")]
    [InlineData("regex", "(unclosed", "exclusion-regex")]
    [InlineData("exact", "   ", "exclusion-empty")]
    public async Task Exclusions_Invalid_AreRefusedNamingFieldAndRule(string kind, string value, string rule)
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        using var response = await admin.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind, value }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("value", problem.GetProperty("field").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Value_HeldByMoreVisibleObjectsThanTheThreshold_IsCommonAndNotListed(Store store)
    {
        await using var node = await TestNode.StartAsync(store, new Dictionary<string, string?> { ["Concord:Intel:Correlation:CommonThreshold"] = "2" });
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var alpha = await alliance.ClientAsync("Alpha", Role.Analyst);
        await alpha.ImportOkAsync("tlp=green",
            CorrelationHttp.IndicatorFor("domain-name:value", "common.example"),
            CorrelationHttp.IndicatorFor("domain-name:value", "common.example"),
            CorrelationHttp.IndicatorFor("domain-name:value", "common.example"),
            CorrelationHttp.IndicatorFor("domain-name:value", "twice.example"),
            CorrelationHttp.IndicatorFor("domain-name:value", "twice.example"));

        // Bravo's own RED copy counts for Bravo only: for Alpha, "twice" stays at two visible objects.
        await (await alliance.ClientAsync("Bravo", Role.Analyst)).ImportOkAsync("tlp=red&scope=owner", CorrelationHttp.IndicatorFor("domain-name:value", "twice.example"));

        var values = (await alpha.LookupJsonAsync("common.example", "twice.example")).GetProperty("values");
        Assert.True(values[0].GetProperty("common").GetBoolean());
        Assert.Empty(CorrelationHttp.ObjectIds(values[0]));
        Assert.False(values[1].GetProperty("common").GetBoolean());
        Assert.Equal(2, CorrelationHttp.ObjectIds(values[1]).Count);

        var bravo = await alliance.ClientAsync("Bravo", Role.ReadOnly);
        Assert.True((await bravo.LookupJsonAsync("twice.example")).GetProperty("values")[0].GetProperty("common").GetBoolean());
    }

    [Fact]
    public async Task Lookup_MoreThanTenThousandValues_IsRefused()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        using var response = await alpha.LookupAsync(Enumerable.Range(0, 10_001).Select(i => $"h{i}.example"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too-many", (await response.JsonAsync()).GetProperty("rule").GetString());
    }
}
