using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Observables.Warninglists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

internal sealed record WarninglistResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("matching_attributes")] IReadOnlyList<string> MatchingAttributes,
    [property: JsonPropertyName("entries")] int Entries)
{
    public static WarninglistResponse From(Warninglist w) =>
        new(w.Id, w.Name, w.Version, w.Description, w.Type.ToString().ToLowerInvariant(), w.MatchingAttributes, w.EntryCount);
}

internal sealed record WarninglistProblemResponse(
    [property: JsonPropertyName("list")] string List,
    [property: JsonPropertyName("message")] string Message);

internal sealed record WarninglistListResponse(
    [property: JsonPropertyName("configured")] bool Configured,
    [property: JsonPropertyName("warninglists")] IReadOnlyList<WarninglistResponse> Warninglists,
    [property: JsonPropertyName("problems")] IReadOnlyList<WarninglistProblemResponse>? Problems = null);

/// <summary>The node's warninglists: members list them; node administrators reload them from the configured folder.</summary>
internal static class WarninglistEndpoints
{
    public static void MapWarninglistEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/warninglists").WithTags("Correlation");
        group.MapGet("/", List).WithName("ListWarninglists").WithSummary("List the loaded warninglists with their entry counts.").RequireAuthorization(AccessPolicies.Member);
        group.MapPost("/reload", Reload).WithName("ReloadWarninglists").WithSummary("Reload the warninglists from their folder (node admins).").RequireAuthorization(AccessPolicies.NodeAdmin);
    }

    internal static Ok<WarninglistListResponse> List(WarninglistService warninglists) =>
        TypedResults.Ok(new WarninglistListResponse(warninglists.Configured, warninglists.Current.Lists.Select(WarninglistResponse.From).ToList()));

    internal static Ok<WarninglistListResponse> Reload(WarninglistService warninglists)
    {
        // Problems name the list's folder only: the node's file-system layout is not the caller's business.
        var problems = warninglists.Reload().Select(p => new WarninglistProblemResponse(Path.GetFileName(Path.GetDirectoryName(p.Path)) ?? "", p.Message)).ToList();
        return TypedResults.Ok(new WarninglistListResponse(warninglists.Configured, warninglists.Current.Lists.Select(WarninglistResponse.From).ToList(), problems));
    }
}
