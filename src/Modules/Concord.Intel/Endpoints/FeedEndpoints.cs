using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>The body of <c>POST /api/v1/feeds</c> and <c>PUT /api/v1/feeds/{id}</c>.</summary>
internal sealed record FeedRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("tlp")] string? Tlp,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("sharing_group_id")] Guid? SharingGroupId,
    [property: JsonPropertyName("interval_minutes")] int? IntervalMinutes,
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("columns")] FeedColumnsDto? Columns,
    [property: JsonPropertyName("owner")] Guid? Owner);

internal sealed record FeedColumnsDto(
    [property: JsonPropertyName("value")] int Value,
    [property: JsonPropertyName("comment")] int? Comment,
    [property: JsonPropertyName("first_seen")] int? FirstSeen);

internal sealed record FeedRunDto(
    [property: JsonPropertyName("started")] DateTimeOffset Started,
    [property: JsonPropertyName("finished")] DateTimeOffset? Finished,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("events_fetched")] int EventsFetched,
    [property: JsonPropertyName("events_skipped")] int EventsSkipped,
    [property: JsonPropertyName("events_failed")] int EventsFailed,
    [property: JsonPropertyName("stored")] long Stored,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("error")] string? Error);

internal sealed record FeedResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("owner")] Guid Owner,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("columns")] FeedColumnsDto? Columns,
    [property: JsonPropertyName("tlp")] string Tlp,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("sharing_group_id")] Guid? SharingGroupId,
    [property: JsonPropertyName("interval_minutes")] int IntervalMinutes,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("next_run")] DateTimeOffset NextRun,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("last_run")] FeedRunDto? LastRun)
{
    public static FeedResponse From(FeedInfo f) => new(
        f.Id, f.Owner, f.Name, f.Kind.ToString().ToLowerInvariant(), f.Source,
        f.Columns is { } c ? new FeedColumnsDto(c.Value, c.Comment, c.FirstSeen) : null,
        Distribution.Label(f.Tlp), Distribution.Name(f.Scope), f.SharingGroupId, f.IntervalMinutes, f.Enabled, f.Created, f.NextRun, f.Running,
        f.LastRun is { } r ? new FeedRunDto(r.Started, r.Finished, r.Requests, r.EventsFetched, r.EventsSkipped, r.EventsFailed, r.Stored, r.Duplicates, r.Rejected, r.Error) : null);
}

internal sealed record FeedListResponse([property: JsonPropertyName("feeds")] IReadOnlyList<FeedResponse> Feeds);

/// <summary>Feeds the node pulls: an organisation's admins manage its own, node admins all (IIntelFeeds checks).</summary>
internal static class FeedEndpoints
{
    public static void MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/feeds").WithTags("Feeds").RequireAuthorization(AccessPolicies.OrgAdmin);
        group.MapGet("/", ListAsync).WithName("ListFeeds").WithSummary("List the feeds you manage (your organisation's; node admins: all) with their last run.");
        group.MapPost("/", CreateAsync).WithName("CreateFeed").WithSummary("Add a MISP, plain-text or CSV feed, imported on a schedule as its owner organisation.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetFeed").WithSummary("Get a feed's settings and last run (counts and errors).");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateFeed").WithSummary("Change a feed's settings; a new source starts its change tracking afresh.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteFeed").WithSummary("Delete a feed; what it imported stays.");
        group.MapPost("/{id:guid}/run", RunAsync).WithName("RunFeed").WithSummary("Run a feed now and answer with the run's counts and errors.");
    }

    internal static async Task<Results<Ok<FeedListResponse>, ProblemHttpResult>> ListAsync(HttpContext context, IIntelFeeds feeds)
    {
        var result = await feeds.ListAsync(await Requests.PrincipalAsync(context), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(new FeedListResponse(result.Value!.Select(FeedResponse.From).ToList())) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> GetAsync(HttpContext context, IIntelFeeds feeds, Guid id) =>
        Answer(await feeds.GetAsync(await Requests.PrincipalAsync(context), id, context.RequestAborted));

    internal static async Task<Results<Created<FeedResponse>, ProblemHttpResult>> CreateAsync(HttpContext context, IIntelFeeds feeds, FeedRequest? request)
    {
        var settings = Settings(request);
        if (!settings.IsSuccess)
        {
            return settings.Error!.ToProblem();
        }

        var result = await feeds.CreateAsync(await Requests.PrincipalAsync(context), settings.Value!, context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Created($"{context.Request.PathBase}/api/v1/feeds/{result.Value!.Id}", FeedResponse.From(result.Value))
            : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> UpdateAsync(HttpContext context, IIntelFeeds feeds, Guid id, FeedRequest? request)
    {
        var settings = Settings(request);
        return settings.IsSuccess
            ? Answer(await feeds.UpdateAsync(await Requests.PrincipalAsync(context), id, settings.Value!, context.RequestAborted))
            : settings.Error!.ToProblem();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, IIntelFeeds feeds, Guid id)
    {
        var result = await feeds.DeleteAsync(await Requests.PrincipalAsync(context), id, context.RequestAborted);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> RunAsync(HttpContext context, IIntelFeeds feeds, Guid id) =>
        Answer(await feeds.RunAsync(await Requests.PrincipalAsync(context), id, context.RequestAborted));

    private static Results<Ok<FeedResponse>, ProblemHttpResult> Answer(Result<FeedInfo> result) =>
        result.IsSuccess ? TypedResults.Ok(FeedResponse.From(result.Value!)) : result.Error!.ToProblem();

    /// <summary>The request as settings; the service checks what they mean.</summary>
    internal static Result<FeedSettings> Settings(FeedRequest? request)
    {
        if (request is null)
        {
            return Error.Validation("body", "required", "A JSON body with name, kind, source, tlp, scope and interval_minutes is required.");
        }

        if (!Enum.TryParse<FeedKind>(request.Kind, ignoreCase: true, out var kind) || int.TryParse(request.Kind, out _))
        {
            return Error.Validation("kind", "feed-kind", "'kind' must be misp, text or csv.");
        }

        var tlp = Requests.Tlp(request.Tlp ?? "");
        if (!tlp.IsSuccess || tlp.Value is null)
        {
            return tlp.Error ?? Error.Validation("tlp", "tlp", "'tlp' is required.");
        }

        var scope = Requests.Scope(request.Scope ?? "");
        if (!scope.IsSuccess || scope.Value is null)
        {
            return scope.Error ?? Error.Validation("scope", "scope", "'scope' is required.");
        }

        var columns = request.Columns is { } c ? new CsvColumns(c.Value, c.Comment, c.FirstSeen) : null;
        return new FeedSettings(request.Name ?? "", kind, request.Source ?? "", tlp.Value.Value, scope.Value.Value,
            request.IntervalMinutes ?? 60, request.Enabled ?? true, columns, request.SharingGroupId, request.Owner);
    }
}
