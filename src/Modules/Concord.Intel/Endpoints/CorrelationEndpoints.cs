using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>The body of <c>POST /api/v1/correlation/lookup</c>.</summary>
internal sealed record LookupRequest(
    [property: JsonPropertyName("values")] IReadOnlyList<string>? Values,
    [property: JsonPropertyName("parent_domains")] bool? ParentDomains);

/// <summary>
/// Correlation for members: of one object, of one value, of a list of values. Every answer comes from
/// <see cref="ICorrelation"/>, which shows only objects the caller may read; an object the caller may not read is 404.
/// </summary>
internal static class CorrelationEndpoints
{
    public static void MapCorrelationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/objects/{id}/correlations", ForObjectAsync).WithTags("Correlation").WithName("GetObjectCorrelations").WithSummary("Which other objects you may read hold this object's observables.")
            .RequireAuthorization(AccessPolicies.Member);
        var group = endpoints.MapGroup("/correlation").WithTags("Correlation").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ValueAsync).WithName("CorrelateValue").WithSummary("Correlate one value (IP, network, domain, URL, e-mail, hash, or kind:value) with the objects you may read.");
        group.MapPost("/lookup", LookupAsync).WithName("CorrelateValues").WithSummary("Correlate up to 10,000 values at once.");
        endpoints.MapExclusionEndpoints();
        endpoints.MapWarninglistEndpoints();
    }

    internal static async Task<Results<Ok<ObjectCorrelations>, ProblemHttpResult>> ForObjectAsync(
        HttpContext context, ICorrelation correlation, string id, [FromQuery(Name = "parent_domains")] bool? parentDomains)
    {
        var principal = await Requests.PrincipalAsync(context);
        var result = await correlation.ForObjectAsync(principal, id, new CorrelationRequest { ParentDomains = parentDomains }, context.RequestAborted);
        return result.ToOk();
    }

    internal static async Task<Results<Ok<ValueCorrelation>, ProblemHttpResult>> ValueAsync(
        HttpContext context, ICorrelation correlation, [FromQuery] string? value, [FromQuery(Name = "parent_domains")] bool? parentDomains)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Error.Validation("value", "required", "'value' is required: the value to correlate.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await correlation.LookupAsync(principal, [value], new CorrelationRequest { ParentDomains = parentDomains }, context.RequestAborted);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var answer = result.Value!.Values[0];
        return answer.Problem is { } problem ? Error.Validation("value", "observable-value", problem).ToProblem() : TypedResults.Ok(answer);
    }

    internal static async Task<Results<Ok<CorrelationResult>, ProblemHttpResult>> LookupAsync(HttpContext context, ICorrelation correlation, LookupRequest? request)
    {
        if (request?.Values is not { } values)
        {
            return Error.Validation("values", "required", "'values' is required: an array of values to correlate.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await correlation.LookupAsync(principal, values, new CorrelationRequest { ParentDomains = request.ParentDomains }, context.RequestAborted);
        return result.ToOk();
    }
}
