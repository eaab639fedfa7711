using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>
/// <c>GET /stats/overview?days=N</c>: the dashboard's figures (what the browser dashboard shows), over what the caller
/// may read, from the same <see cref="IIntelStats"/>.
/// </summary>
internal static class StatsEndpoints
{
    public static void MapStatsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/stats").WithTags("Statistics").RequireAuthorization(AccessPolicies.Reader);
        group.MapGet("/overview", OverviewAsync).WithName("GetOverview")
            .WithSummary("The dashboard's figures over what you may read: counts by TLP, type and day, top techniques, sharers and recent additions.");
    }

    internal static async Task<Results<Ok<OverviewResponse>, ProblemHttpResult>> OverviewAsync(HttpContext context, IIntelStats stats, [FromQuery] int? days)
    {
        if (days is < 1 or > 366)
        {
            return Error.Validation("days", "range", "'days' must be between 1 and 366.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var o = await stats.OverviewAsync(principal, days ?? 30, context.RequestAborted);
        return TypedResults.Ok(new OverviewResponse(
            o.Days,
            o.Added,
            o.ByTlp.Select(c => new KeyCount(Distribution.Label(c.Key), c.Count)).ToList(),
            o.TopTypes.Select(c => new KeyCount(c.Key, c.Count)).ToList(),
            o.TopOwners.Select(c => new KeyCount(c.Key.ToString(), c.Count)).ToList(),
            o.TopTechniques,
            o.Activity,
            o.Recent.Select(r => new RecentResponse(r.StixId, r.Type, r.Name, r.OwnerOrgId, Distribution.Label(r.Tlp), r.DateAdded)).ToList()));
    }
}

internal sealed record KeyCount(string Key, long Count);

/// <summary>The dashboard's figures; TLP keys are labels (<c>GREEN</c>), owner keys organisation ids.</summary>
internal sealed record OverviewResponse(
    int Days,
    long Added,
    [property: JsonPropertyName("by_tlp")] IReadOnlyList<KeyCount> ByTlp,
    [property: JsonPropertyName("top_types")] IReadOnlyList<KeyCount> TopTypes,
    [property: JsonPropertyName("top_owners")] IReadOnlyList<KeyCount> TopOwners,
    [property: JsonPropertyName("top_techniques")] IReadOnlyList<TechniqueCount> TopTechniques,
    IReadOnlyList<DailyCount> Activity,
    IReadOnlyList<RecentResponse> Recent);

/// <summary>A recently added object; <c>owner</c> is null for another organisation's anonymous sighting.</summary>
internal sealed record RecentResponse(
    string Id, string Type, string? Name, [property: JsonPropertyName("owner")] Guid? OwnerOrgId, string Tlp, [property: JsonPropertyName("date_added")] DateTimeOffset DateAdded);
