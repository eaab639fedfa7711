using System.Globalization;
using System.Text;
using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Web.Lookup;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Web.Hosting;

/// <summary>
/// <c>POST /lookup.csv</c>: the lookup page's download. A form post with the antiforgery token (the values are in the
/// body, not in a URL that lands in logs and history), answered by <see cref="ICorrelation"/> — the service behind
/// <c>POST /api/v1/correlation/lookup</c>, with its visibility and its 10,000-value cap — as <c>text/csv</c>.
/// </summary>
internal static class LookupCsvEndpoint
{
    public const string Path = "/lookup.csv";

    public static void MapLookupCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, DownloadAsync).RequireAuthorization(AccessPolicies.Member).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(
        HttpContext http, IAntiforgery antiforgery, IPrincipalResolver principals, ICorrelation correlation, TimeProvider time)
    {
        // Checked here rather than by the middleware so a forged post is refused before the form is read further.
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var values = LookupInput.Split(form[LookupInput.ValuesField]);
        if (values.Count == 0)
        {
            return Error.Validation(LookupInput.ValuesField, "required", "Paste at least one value to look up.").ToProblem();
        }

        var request = new CorrelationRequest { ParentDomains = form[LookupInput.ParentDomainsField] == "true" ? true : null };
        var principal = await principals.ResolveAsync(http.User, http.RequestAborted);
        var result = await correlation.LookupAsync(principal, values, request, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var name = $"concord-lookup-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
            await LookupCsv.WriteAsync(writer, result.Value!, http.RequestAborted);
        }, LookupCsv.ContentType, name);
    }
}
