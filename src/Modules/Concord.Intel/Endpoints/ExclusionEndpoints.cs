using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Observables.Exclusions;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>The body of <c>POST /api/v1/correlation/exclusions</c>.</summary>
internal sealed record ExclusionRequest(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("comment")] string? Comment);

internal sealed record ExclusionResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("created_by")] string? CreatedBy)
{
    public static ExclusionResponse From(ExclusionEntry e) => new(e.Id, e.Kind.ToString().ToLowerInvariant(), e.Value, e.Comment, e.Created, e.CreatedBy);
}

internal sealed record ExclusionListResponse([property: JsonPropertyName("exclusions")] IReadOnlyList<ExclusionResponse> Exclusions);

/// <summary>Correlation exclusions, managed by node administrators; a change applies to the next lookup.</summary>
internal static class ExclusionEndpoints
{
    public static void MapExclusionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/correlation/exclusions").WithTags("Correlation").RequireAuthorization(AccessPolicies.NodeAdmin);
        group.MapGet("/", ListAsync).WithName("ListCorrelationExclusions").WithSummary("List the correlation exclusions (node admins).");
        group.MapPost("/", AddAsync).WithName("AddCorrelationExclusion").WithSummary("Add a correlation exclusion: an exact value, a CIDR network or a regular expression.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCorrelationExclusion").WithSummary("Get one correlation exclusion.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCorrelationExclusion").WithSummary("Delete a correlation exclusion; the next lookup applies it.");
    }

    internal static async Task<Ok<ExclusionListResponse>> ListAsync(HttpContext context, ExclusionService exclusions) =>
        TypedResults.Ok(new ExclusionListResponse((await exclusions.ListAsync(context.RequestAborted)).Select(ExclusionResponse.From).ToList()));

    internal static async Task<Results<Created<ExclusionResponse>, ProblemHttpResult>> AddAsync(HttpContext context, ExclusionService exclusions, ExclusionRequest? request)
    {
        ExclusionKind? kind = request?.Kind?.Trim().ToLowerInvariant() switch
        {
            "exact" => ExclusionKind.Exact,
            "cidr" => ExclusionKind.Cidr,
            "regex" => ExclusionKind.Regex,
            _ => null,
        };
        if (kind is null)
        {
            return Error.Validation("kind", "exclusion-kind", "'kind' must be exact, cidr or regex.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await exclusions.AddAsync(kind.Value, request!.Value, request.Comment, principal.Name, context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Created($"{context.Request.PathBase}/api/v1/correlation/exclusions/{result.Value!.Id}", ExclusionResponse.From(result.Value))
            : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<ExclusionResponse>, ProblemHttpResult>> GetAsync(HttpContext context, ExclusionService exclusions, Guid id)
    {
        var result = await exclusions.GetAsync(id, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ExclusionResponse.From(result.Value!)) : result.Error!.ToProblem();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, ExclusionService exclusions, Guid id)
    {
        var result = await exclusions.DeleteAsync(id, context.RequestAborted);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }
}
