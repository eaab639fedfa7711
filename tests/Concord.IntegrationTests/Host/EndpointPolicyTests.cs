using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.IntegrationTests.Host;

/// <summary>
/// Every endpoint the node maps — REST, TAXII, health, documentation, static files and every browser page — with the
/// authorization it effectively gets, against a table written by hand. An endpoint that names no policy gets the
/// fallback policy (a signed-in member with no password change pending); one that must answer strangers says so with
/// <c>AllowAnonymous</c>. A new endpoint is missing from the table and fails this test until someone decides its policy.
/// </summary>
public class EndpointPolicyTests
{
    /// <summary>"METHODS route → policy"; <c>fallback</c> is the fallback policy, <c>anonymous</c> an explicit opt-out.</summary>
    private static readonly string[] Expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Host", "endpoint-policies.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public async Task EveryEndpointAndPage_HasTheAuthorizationPolicyTheTableSays()
    {
        await using var node = await TestNode.StartAsync(Store.Sqlite);

        var actual = Describe(node.Services.GetRequiredService<EndpointDataSource>().Endpoints);

        var missing = actual.Except(Expected).ToList();
        var gone = Expected.Except(actual).ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0,
            $"Endpoints whose policy is not in Host/endpoint-policies.txt:\n{string.Join('\n', missing)}\n"
            + $"Lines of the table no endpoint matches:\n{string.Join('\n', gone)}\nThe whole actual table:\n{string.Join('\n', actual)}");
    }

    internal static List<string> Describe(IEnumerable<Endpoint> endpoints) => endpoints
        .OfType<RouteEndpoint>()
        .Select(e => $"{Methods(e)} {Route(e)} {Kind(e)}-> {Policy(e)}")
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? string.Join(',', methods.Order(StringComparer.Ordinal)) : "*";

    /// <summary>The UI's static files (their names carry content hashes that change with every edit) make one line.</summary>
    private static string Route(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
            ? "(static files)"
            : "/" + endpoint.RoutePattern.RawText?.TrimStart('/');

    private static string Kind(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null ? "(page) " : "";

    /// <summary>As the authorization middleware sees it: any AllowAnonymous wins; else the named policies (none named: the default); else the fallback.</summary>
    private static string Policy(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "anonymous";
        }

        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (data.Count == 0)
        {
            return endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null ? "inline-policy" : "fallback";
        }

        return string.Join('+', data.Select(d => d.Policy ?? "default").Distinct().Order(StringComparer.Ordinal));
    }
}
