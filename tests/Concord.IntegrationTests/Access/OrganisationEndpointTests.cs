using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Access;

namespace Concord.IntegrationTests.Access;

public class OrganisationEndpointTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Organisations_AuthorizationMatrix(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var matrix = await AuthorizationMatrix.CreateAsync(alliance);
        var alpha = alliance.OrgId("Alpha");

        await matrix.CheckAsync("GET /organisations", "401 200 200 200 200 200 200", (_, c) => c.GetAsync("/api/v1/organisations", AccessHttp.Ct));
        await matrix.CheckAsync("GET /organisations/{id}", "401 200 200 200 200 200 200", (_, c) => c.GetAsync($"/api/v1/organisations/{alpha}", AccessHttp.Ct));
        await matrix.CheckAsync("GET /organisations/{unknown}", "401 404 404 404 404 404 404", (_, c) => c.GetAsync($"/api/v1/organisations/{Guid.NewGuid()}", AccessHttp.Ct));
        await matrix.CheckAsync("POST /organisations", "401 403 403 403 403 201 201", (who, c) => c.PostJsonAsync("/api/v1/organisations",
            new { name = $"CERT {who}", country = "KE", type = "government-agency", sector = "Government" }));
        await matrix.CheckAsync("PATCH /organisations/{id}", "401 403 403 403 403 200 200", (who, c) => c.PatchAsJsonAsync(
            $"/api/v1/organisations/{alpha}", new { sector = $"Sector {who}" }, AccessHttp.Ct));
        matrix.AssertAll();
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateOrganisation_ValidAndInvalidInput_AnswersWithFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var secretariat = await alliance.ClientAsync("Alpha", Role.Secretariat);

        var created = await secretariat.PostJsonAsync("/api/v1/organisations",
            new { name = "CERT-KE", country = "ke", type = "public-body", defaultTlp = "green" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("KE", body.GetProperty("country").GetString());
        Assert.Equal("GREEN", body.GetProperty("defaultTlp").GetString());
        Assert.Equal("public-body", body.GetProperty("type").GetString());

        await AssertInvalidAsync(secretariat, new { name = "X-1", country = "XX", type = "public-body" }, "country", "iso-3166-1-alpha-2");
        await AssertInvalidAsync(secretariat, new { name = "X-2", country = "DE", type = "company" }, "type", "enum");
        await AssertInvalidAsync(secretariat, new { country = "DE", type = "public-body" }, "name", "required");
        await AssertInvalidAsync(secretariat, new { name = "X-3", country = "DE", type = "public-body", defaultTlp = "purple" }, "defaultTlp", "tlp-label");
        var duplicate = await secretariat.PostJsonAsync("/api/v1/organisations", new { name = "cert-ke", country = "KE", type = "public-body" });
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "organisation-name-taken");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CreateOrganisation_WithoutDefaultTlp_DefaultsToAmber(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);

        var created = await (await admin.PostJsonAsync("/api/v1/organisations", new { name = "CSIRT-SG", country = "SG", type = "non-profit" })).JsonAsync();

        Assert.Equal("AMBER", created.GetProperty("defaultTlp").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UpdateOrganisation_ChangesWhatIsSent_AndAnswersBadChangesWithFieldAndRule(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha", "Bravo");
        var admin = await alliance.ClientAsync("Alpha", Role.NodeAdmin);
        var bravo = $"/api/v1/organisations/{alliance.OrgId("Bravo")}";

        var renamed = await admin.PatchAsJsonAsync(bravo, new { name = "Bravo CERT", country = "ke", defaultTlp = "green" }, AccessHttp.Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var body = await (await admin.GetAsync(bravo, AccessHttp.Ct)).JsonAsync();
        Assert.Equal(("Bravo CERT", "KE", "GREEN"), (body.GetProperty("name").GetString(), body.GetProperty("country").GetString(), body.GetProperty("defaultTlp").GetString()));
        Assert.Equal(("government-agency", "Government"), (body.GetProperty("type").GetString(), body.GetProperty("sector").GetString()));

        var cleared = await (await admin.PatchAsJsonAsync(bravo, new { sector = "", type = "non-profit" }, AccessHttp.Ct)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("sector").ValueKind);
        Assert.Equal(("non-profit", "Bravo CERT"), (cleared.GetProperty("type").GetString(), cleared.GetProperty("name").GetString()));

        await AssertInvalidPatchAsync(admin, bravo, new { country = "XX" }, HttpStatusCode.BadRequest, "country", "iso-3166-1-alpha-2");
        await AssertInvalidPatchAsync(admin, bravo, new { name = "B" }, HttpStatusCode.BadRequest, "name", "length");
        await AssertInvalidPatchAsync(admin, bravo, new { type = "company" }, HttpStatusCode.BadRequest, "type", "enum");
        await AssertInvalidPatchAsync(admin, bravo, new { defaultTlp = "purple" }, HttpStatusCode.BadRequest, "defaultTlp", "tlp-label");
        await AssertInvalidPatchAsync(admin, bravo, new { name = "ALPHA" }, HttpStatusCode.Conflict, "name", "organisation-name-taken");
        await (await admin.PatchAsJsonAsync($"/api/v1/organisations/{Guid.NewGuid()}", new { sector = "x" }, AccessHttp.Ct))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        // Nothing of the refused changes was stored.
        var after = await (await admin.GetAsync(bravo, AccessHttp.Ct)).JsonAsync();
        Assert.Equal(("Bravo CERT", "KE", "GREEN"), (after.GetProperty("name").GetString(), after.GetProperty("country").GetString(), after.GetProperty("defaultTlp").GetString()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task UpdateOrganisation_ByOrgAdminOrAnalyst_IsRefused_AndChangesNothing(Store store)
    {
        await using var node = await TestNode.StartAsync(store);
        using var alliance = await TestAlliance.CreateAsync(node, "Alpha");
        var alpha = $"/api/v1/organisations/{alliance.OrgId("Alpha")}";

        foreach (var role in new[] { Role.Analyst, Role.OrgAdmin })
        {
            var client = await alliance.ClientAsync("Alpha", role);
            await (await client.PatchAsJsonAsync(alpha, new { name = $"Hijacked by {role}" }, AccessHttp.Ct))
                .AssertProblemAsync(HttpStatusCode.Forbidden, "insufficient-role");
        }

        var reader = await alliance.ClientAsync("Alpha", Role.ReadOnly);
        Assert.Equal("Alpha", (await (await reader.GetAsync(alpha, AccessHttp.Ct)).JsonAsync()).GetProperty("name").GetString());
    }

    private static async Task AssertInvalidPatchAsync(HttpClient client, string url, object body, HttpStatusCode status, string field, string rule)
    {
        var response = await client.PatchAsJsonAsync(url, body, AccessHttp.Ct);
        await response.AssertProblemAsync(status, rule);
        Assert.Equal(field, (await response.JsonAsync()).GetProperty("field").GetString());
    }

    private static async Task AssertInvalidAsync(HttpClient client, object body, string field, string rule)
    {
        var response = await client.PostJsonAsync("/api/v1/organisations", body);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, rule);
        Assert.Equal(field, (await response.JsonAsync()).GetProperty("field").GetString());
    }
}
