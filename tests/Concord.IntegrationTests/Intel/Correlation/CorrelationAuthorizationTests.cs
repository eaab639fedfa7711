using System.Net.Http.Json;
using Concord.IntegrationTests.Access;

namespace Concord.IntegrationTests.Intel.Correlation;

public class CorrelationAuthorizationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CorrelationEndpoints_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, AuthorizationMatrix.Home, AuthorizationMatrix.Other);
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);
        var indicator = CorrelationHttp.IndicatorFor("domain-name:value", "matrix.example");
        await (await alliance.ClientAsync(AuthorizationMatrix.Home, Concord.Access.Role.Analyst)).ImportOkAsync("tlp=amber&scope=owner", indicator);

        await matrix.CheckAsync("GET /correlation", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/correlation?value=matrix.example", Ct));
        await matrix.CheckAsync("POST /correlation/lookup", "401 200 200 200 200 200 200", (_, c) => c.LookupAsync(["matrix.example"]));
        await matrix.CheckAsync("GET /objects/{Alpha's AMBER}/correlations", "401 200 200 404 200 200 200", (_, c) => c.GetAsync($"/api/v1/objects/{indicator.Id()}/correlations", Ct));
        await matrix.CheckAsync("GET /warninglists", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/warninglists", Ct));
        await matrix.CheckAsync("POST /warninglists/reload", "401 403 403 403 403 403 200", (_, c) => c.PostAsync("/api/v1/warninglists/reload", null, Ct));
        await matrix.CheckAsync("GET /correlation/exclusions", "401 403 403 403 403 403 200", (_, c) => c.GetAsync("/api/v1/correlation/exclusions", Ct));
        await matrix.CheckAsync("POST /correlation/exclusions", "401 403 403 403 403 403 201",
            (who, c) => c.PostAsJsonAsync("/api/v1/correlation/exclusions", new { kind = "exact", value = $"{who}.example".ToLowerInvariant() }, Ct));
        await matrix.CheckAsync("DELETE /correlation/exclusions/{unknown}", "401 403 403 403 403 403 404", (_, c) => c.DeleteAsync($"/api/v1/correlation/exclusions/{Guid.NewGuid()}", Ct));
        matrix.AssertAll();
    }
}
