using System.Globalization;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Web.Intel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Web.Hosting;

/// <summary>
/// Downloads from the intel pages: <c>GET /intel/export?format=stix|csv|misp|suricata|…&amp;…</c> (the search page's filters, every
/// page of them, streamed) and <c>GET /intel/objects/{id}/stix</c> (the version a page shows, as a bundle). Both read
/// through <see cref="IIntelExports"/>, so through visibility; a hidden object answers 404 like an unknown one.
/// </summary>
internal static class IntelDownloads
{
    public static void MapIntelDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/intel/export", ExportAsync).RequireAuthorization(AccessPolicies.Member).ExcludeFromDescription();
        endpoints.MapGet("/intel/objects/{id}/stix", BundleAsync).RequireAuthorization(AccessPolicies.Member).ExcludeFromDescription();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IIntelExports exports, IPrincipalResolver principals, TimeProvider time)
    {
        var query = http.Request.Query;
        if (!ExportFormats.TryParse(query["format"], out var format))
        {
            return Error.Validation("format", "format-unknown", $"'format' must be one of {ExportFormats.Names}.").ToProblem();
        }

        var filters = SearchFilters.Parse(query["q"], query["type"], query["tlp"], query["org"], query["from"], query["to"])
            with
            {
                HideWarninglisted = string.Equals(query["hide_warninglisted"], "true", StringComparison.OrdinalIgnoreCase),
                ShowRelationships = string.Equals(query["relationships"], "true", StringComparison.OrdinalIgnoreCase),
            };
        if (filters.Errors.Count > 0)
        {
            return Error.Validation("filters", "filter-invalid", string.Join(" ", filters.Errors)).ToProblem();
        }

        var label = query["label"].ToString() is { Length: > 0 } l ? l.Trim() : null;
        var principal = await principals.ResolveAsync(http.User, http.RequestAborted);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Attach(http.Response, format, $"concord-export-{stamp}");
        await exports.WriteAsync(principal, filters.ToQuery(null, 1000) with { Label = label }, format, http.Response.Body, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> BundleAsync(HttpContext http, string id, IIntelExports exports, IPrincipalResolver principals)
    {
        // An unparseable owner reads like an unknown one, as on the object page.
        var ownerText = http.Request.Query["owner"].ToString();
        Guid? owner = null;
        if (ownerText.Length > 0)
        {
            if (!Guid.TryParse(ownerText, out var parsed))
            {
                return Results.NotFound();
            }

            owner = parsed;
        }

        var version = http.Request.Query["version"].ToString() is { Length: > 0 } v ? v : null;
        var principal = await principals.ResolveAsync(http.User, http.RequestAborted);
        Attach(http.Response, ExportFormat.Stix, id);
        var written = await exports.WriteObjectAsync(principal, id, version, owner, http.Response.Body, http.RequestAborted);
        if (written.IsSuccess)
        {
            return Results.Empty;
        }

        // Nothing was written: the headers can still be taken back.
        http.Response.Clear();
        return written.Error!.Kind == ErrorKind.Validation ? written.Error.ToProblem() : Results.NotFound();
    }

    private static void Attach(HttpResponse response, ExportFormat format, string name)
    {
        var file = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ExportFormats.Extension(format);
        response.ContentType = ExportFormats.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
    }
}
