using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.IntegrationTests.Access;
using Concord.Intel;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Taxii;

/// <summary>A node with an alliance of member organisations, objects seeded through the Intel store, and TAXII helpers.</summary>
internal sealed class TaxiiHarness : IAsyncDisposable
{
    public const string Root = "/taxii2/concord/";
    public const string All = Root + "collections/all/";
    public const string Alliance = Root + "collections/alliance/";
    public const string Public = Root + "collections/public/";
    public const string Taxii21 = "application/taxii+json;version=2.1";

    private TaxiiHarness(TestNode node, TestAlliance alliance)
    {
        Node = node;
        Members = alliance;
    }

    public TestNode Node { get; }

    public TestAlliance Members { get; }

    public static async Task<TaxiiHarness> StartAsync(Store store, IDictionary<string, string?>? settings = null, params string[] organisations)
    {
        var node = await TestNode.StartAsync(store, settings);
        var alliance = await TestAlliance.CreateAsync(node, organisations.Length > 0 ? organisations : ["Alpha", "Bravo"]);
        return new TaxiiHarness(node, alliance);
    }

    /// <summary>A TAXII client of <paramref name="organisation"/> (bearer API key) sending the TAXII Accept header.</summary>
    public async Task<HttpClient> ClientAsync(string organisation, Role role = Role.Analyst)
    {
        var client = await Members.ClientAsync(organisation, role);
        Accept(client);
        return client;
    }

    public HttpClient Anonymous() => Accept(Members.Anonymous());

    public static HttpClient Accept(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Taxii21));
        return client;
    }

    /// <summary>Imports objects as <paramref name="organisation"/> through the Intel store (what REST import does).</summary>
    public async Task SeedAsync(string organisation, ImportOptions options, params JsonNode[] objects)
    {
        await using var scope = Node.Services.CreateAsyncScope();
        var principal = await PrincipalAsync(organisation, Role.Analyst);
        var store = scope.ServiceProvider.GetRequiredService<IIntelStore>();
        using var bundle = new MemoryStream(Encoding.UTF8.GetBytes(Intel.Bundles.Bundle(objects)));
        var result = await store.ImportAsync(principal, bundle, options, null, TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.True(result.Value!.Rejected == 0, string.Join("; ", result.Value.Errors.SelectMany(e => e.Issues).Select(i => i.Message)));
    }

    public Task SeedAsync(string organisation, params JsonNode[] objects) => SeedAsync(organisation, new ImportOptions(), objects);

    /// <summary>The principal the node resolves for a member of <paramref name="organisation"/>.</summary>
    public async Task<Principal> PrincipalAsync(string organisation, Role role)
    {
        var org = Members.OrgId(organisation);
        var audiences = await AudiencesAsync(org);
        return new Principal(PrincipalKind.Member, org, audiences, role, organisation);
    }

    private async Task<IReadOnlySet<Guid>> AudiencesAsync(Guid org)
    {
        await using var scope = Node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Concord.Access.Data.AccessDbContext>();
        return db.AudienceMembers.Where(m => m.OrganisationId == org).Select(m => m.AudienceId).ToHashSet();
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static void AssertTaxii(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType;
        Assert.NotNull(type);
        Assert.Equal("application/taxii+json", type.MediaType);
        Assert.Contains(type.Parameters, p => p.Name == "version" && p.Value == "2.1");
    }

    /// <summary>Asserts the response is the TAXII error resource with this status, and returns it.</summary>
    public static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        AssertTaxii(response);
        var error = await JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(error["title"]?.GetValue<string>()));
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error["http_status"]?.GetValue<string>());
        return error;
    }

    public static List<string> Ids(JsonObject envelope) =>
        envelope["objects"]?.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList() ?? [];

    public static HttpContent Envelope(params JsonNode[] objects)
    {
        var body = new JsonObject { ["objects"] = new JsonArray([.. objects.Select(o => o.DeepClone())]) }.ToJsonString();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii21);
        return content;
    }

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    public async ValueTask DisposeAsync()
    {
        Members.Dispose();
        await Node.DisposeAsync();
    }
}
