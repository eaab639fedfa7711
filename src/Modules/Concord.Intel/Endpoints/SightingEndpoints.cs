using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Intel.Features.Scoring;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>
/// <c>POST /sightings</c> (the quick form: sightings, false positives, expirations) and
/// <c>GET /objects/{id}/sightings</c> (the visible sightings of a visible object, totals over those only).
/// </summary>
internal static class SightingEndpoints
{
    public static void MapSightingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sightings", RecordAsync).WithTags("Sightings").WithName("RecordSighting").WithSummary("Record a sighting, false positive or expiration of a value or an indicator you may read.").RequireAuthorization(AccessPolicies.Analyst);
        endpoints.MapGet("/objects/{id}/sightings", ListAsync).WithTags("Sightings").WithName("ListObjectSightings").WithSummary("List the sightings of an object that you may read, with totals over those only.").RequireAuthorization(AccessPolicies.Member);
    }

    internal static async Task<Results<Created<RecordedResponse>, ProblemHttpResult>> RecordAsync(HttpContext context, ISightings sightings, SightingRequest request)
    {
        var kind = SightingKind.Sighting;
        if (request.Kind is { } kindText && !ScoreInputs.TryParseKind(kindText, out kind))
        {
            return Error.Validation("kind", "kind-unknown", $"'{kindText}' is not a sighting kind (sighting, false-positive, expiration).").ToProblem();
        }

        var tlp = Requests.Tlp(request.Tlp);
        var scope = Requests.Scope(request.Scope);
        var seen = Requests.Time(request.Seen, "seen");
        if ((tlp.Error ?? scope.Error ?? seen.Error) is { } error)
        {
            return error.ToProblem();
        }

        var report = new SightingReport
        {
            Value = request.Value,
            SightingOf = request.SightingOf,
            Kind = kind,
            Count = request.Count ?? 1,
            Seen = seen.Value,
            Tlp = tlp.Value,
            Scope = scope.Value,
            Recipients = request.Recipients ?? [],
            SharingGroupId = request.SharingGroup,
            Anonymous = request.Anonymous ?? false,
        };
        var principal = await Requests.PrincipalAsync(context);
        var result = await sightings.RecordAsync(principal, report, context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Created((string?)null, new RecordedResponse(result.Value!.Sightings.Select(r => new RecordedItem(r.Id, r.SightingOf)).ToList()))
            : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<SightingListResponse>, ProblemHttpResult>> ListAsync(HttpContext context, ISightings sightings, string id, [FromQuery] int? limit)
    {
        if (limit is < 1 or > Features.Sightings.SightingService.MaxPageSize)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {Features.Sightings.SightingService.MaxPageSize}.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await sightings.ListAsync(principal, id, limit ?? 100, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(SightingListResponse.From(result.Value!)) : result.Error!.ToProblem();
    }
}

/// <summary>The quick form's body. <c>kind</c>: sighting (default), false-positive or expiration.</summary>
internal sealed record SightingRequest(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("sighting_of")] string? SightingOf,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("count")] long? Count,
    [property: JsonPropertyName("seen")] string? Seen,
    [property: JsonPropertyName("tlp")] string? Tlp,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("recipients")] IReadOnlyList<Guid>? Recipients,
    [property: JsonPropertyName("sharing_group")] Guid? SharingGroup,
    [property: JsonPropertyName("anonymous")] bool? Anonymous);

internal sealed record RecordedItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sighting_of")] string SightingOf);

internal sealed record RecordedResponse([property: JsonPropertyName("sightings")] IReadOnlyList<RecordedItem> Sightings);

internal sealed record SightingResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sighting_of")] string SightingOf,
    [property: JsonPropertyName("kind")] SightingKind Kind,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("first_seen")] DateTimeOffset? FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset? LastSeen,
    [property: JsonPropertyName("reporter")] Guid? Reporter,
    [property: JsonPropertyName("tlp")] string Tlp,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("counts_toward_score")] bool CountsTowardScore);

internal sealed record SightingTotalsResponse(
    [property: JsonPropertyName("sightings")] long Sightings,
    [property: JsonPropertyName("false_positives")] long FalsePositives,
    [property: JsonPropertyName("expirations")] long Expirations,
    [property: JsonPropertyName("first_seen")] DateTimeOffset? FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset? LastSeen);

internal sealed record SightingListResponse(
    [property: JsonPropertyName("object")] string ObjectId,
    [property: JsonPropertyName("totals")] SightingTotalsResponse Totals,
    [property: JsonPropertyName("sightings")] IReadOnlyList<SightingResponse> Sightings,
    [property: JsonPropertyName("more")] bool More)
{
    public static SightingListResponse From(SightingList list) => new(
        list.ObjectId,
        new SightingTotalsResponse(list.Totals.Sightings, list.Totals.FalsePositives, list.Totals.Expirations, list.Totals.FirstSeen, list.Totals.LastSeen),
        list.Items.Select(s => new SightingResponse(s.Id, s.SightingOf, s.Kind, s.Count, s.FirstSeen, s.LastSeen, s.Reporter, Distribution.Label(s.Tlp), Distribution.Name(s.Scope), s.CountsTowardScore)).ToList(),
        list.More);
}
