using System.Text;
using System.Text.Json;
using Concord.Access;
using Concord.Intel.Features.MispFeed;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Concord.Intel.Endpoints;

/// <summary>
/// The MISP feed of what the caller may read, at <c>/api/v1/feeds/misp</c>: a MISP instance subscribes with that URL and
/// an API key in a custom header. The manifest and hashes.csv are streamed and carry an ETag, so a pull with no change
/// answers 304; an event the caller may not read is 404 like one that does not exist.
/// </summary>
internal static class MispFeedEndpoints
{
    public static void MapMispFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A MISP admin pastes the key into the feed's custom headers as MISP's own tools send it (bare) or with Bearer: both work.
        var group = endpoints.MapGroup("/feeds/misp").WithTags("Feeds").RequireAuthorization(AccessPolicies.Member).WithMetadata(BareApiKey.Accepted);
        group.MapGet("/manifest.json", ManifestAsync).WithName("GetMispFeedManifest")
            .WithSummary("The MISP feed's manifest: one entry per report or grouping you may read (uuid, info, Orgc, Tag, date, timestamp, analysis, threat level).");
        group.MapGet("/hashes.csv", HashesAsync).WithName("GetMispFeedHashes")
            .WithSummary("The MISP feed's hashes.csv: the MD5 of each attribute value of each event you may read, with the event's uuid.");
        group.MapGet("/{uuid:guid}.json", EventAsync).WithName("GetMispFeedEvent")
            .WithSummary("One event of the MISP feed ({\"Event\": …}), as the MISP export writes it; 404 when you may not read it.");
    }

    internal static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ManifestAsync(HttpContext context, MispFeed feed)
    {
        var principal = await Requests.PrincipalAsync(context);
        if (await NotModifiedAsync(context, feed, principal, "manifest"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Stream(async body =>
        {
            await using var writer = new Utf8JsonWriter(body);
            writer.WriteStartObject();
            await foreach (var @event in feed.EventsAsync(principal, context.RequestAborted))
            {
                MispFeed.WriteManifestEntry(writer, @event);
                await writer.FlushAsync(context.RequestAborted);
            }

            writer.WriteEndObject();
        }, "application/json");
    }

    internal static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> HashesAsync(HttpContext context, MispFeed feed)
    {
        var principal = await Requests.PrincipalAsync(context);
        if (await NotModifiedAsync(context, feed, principal, "hashes"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await foreach (var @event in feed.EventsAsync(principal, context.RequestAborted))
            {
                foreach (var line in MispFeed.HashLines(@event))
                {
                    await writer.WriteAsync(line + "\n");
                }
            }
        }, "text/csv");
    }

    internal static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> EventAsync(HttpContext context, MispFeed feed, Guid uuid)
    {
        var principal = await Requests.PrincipalAsync(context);
        if (await feed.EventAsync(principal, uuid, context.RequestAborted) is not { } @event)
        {
            return Error.NotFound("The event").ToProblem();
        }

        var json = @event.ToJsonString();
        var etag = $"\"{MispFeed.Md5(json)}\"";
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.Contains(etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(json, "application/json");
    }

    private static async Task<bool> NotModifiedAsync(HttpContext context, MispFeed feed, Principal principal, string file)
    {
        var (etag, lastModified) = await feed.VersionAsync(principal, file, context.RequestAborted);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "private, no-cache";
        if (lastModified is { } modified)
        {
            context.Response.Headers.LastModified = HeaderUtilities.FormatDate(modified);
        }

        // Only the ETag decides: a removal changes the view without a newer addition, so If-Modified-Since could miss it.
        return context.Request.Headers.IfNoneMatch.Contains(etag);
    }
}
