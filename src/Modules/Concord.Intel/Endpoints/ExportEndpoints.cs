using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Concord.Intel.Endpoints;

/// <summary>
/// Exports at stable URLs for tools to pull (a firewall's block list, an IDS's rules): <c>GET /api/v1/exports/{format}</c>
/// with an API key, answered with a strong ETag; <c>If-None-Match</c> with the current tag answers 304 with no body, from
/// a tag computed without reading the export (see <see cref="IIntelExports.TagAsync"/>). Streamed through visibility.
/// </summary>
internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/exports").WithTags("Exports").RequireAuthorization(AccessPolicies.PublicReader)
            .MapGet("/{format}", ExportAsync).WithName("ExportObjects")
            .WithSummary("Export what you may read as Suricata or Snort rules, a block list (ips, domains, urls, hashes), CSV, MISP JSON or a STIX bundle; with ETag for pulls.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").Produces(StatusCodes.Status304NotModified);
    }

    internal static async Task<IResult> ExportAsync(
        HttpContext context,
        IIntelExports exports,
        string format,
        [FromQuery(Name = "min_score")] string? minScore,
        [FromQuery(Name = "tlp_max")] string? tlpMax,
        [FromQuery] string? since,
        [FromQuery] string? type,
        [FromQuery(Name = "exclude_warninglisted")] string? excludeWarninglisted)
    {
        var parsed = ExportFilters.Parse(format, minScore, tlpMax, since, type, excludeWarninglisted);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!.ToProblem();
        }

        var request = parsed.Value! with
        {
            Options = parsed.Value!.Options with { Links = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/") },
        };
        var principal = await Requests.PrincipalAsync(context);
        var tag = await exports.TagAsync(principal, request.Query, request.Format, request.Options, context.RequestAborted);
        var response = context.Response;
        response.Headers.ETag = tag;
        response.Headers.CacheControl = "private, no-cache";
        if (Matches(context.Request.Headers.IfNoneMatch, tag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        response.ContentType = ExportFormats.ContentType(request.Format);
        await exports.WriteAsync(principal, request.Query, request.Format, request.Options, response.Body, context.RequestAborted);
        return Results.Empty;
    }

    /// <summary>If-None-Match's weak comparison (RFC 9110 §13.1.2): any listed tag equal to ours, or <c>*</c>.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string tag) =>
        EntityTagHeaderValue.TryParseList(header, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(tag), useStrongComparison: false));
}
