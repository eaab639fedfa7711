using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>The body of <c>POST /api/v1/extract</c>.</summary>
internal sealed record ExtractRequest([property: JsonPropertyName("text")] string? Text);

/// <summary>The body of <c>POST /api/v1/extract/import</c>: the confirmed items and how to share them.</summary>
internal sealed record ExtractImportRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("items")] IReadOnlyList<TextImportItem>? Items,
    [property: JsonPropertyName("tlp")] string? Tlp,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("sharing_group")] string? SharingGroup,
    [property: JsonPropertyName("recipients")] string[]? Recipients);

/// <summary>
/// Free-text import: a preview that stores nothing (any member: it shows only what the caller may read), and the
/// import of the items the analyst confirmed (analysts: it stores objects owned by the caller's organisation).
/// </summary>
internal static class TextImportEndpoints
{
    public static void MapTextImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/extract").WithTags("Objects");
        group.MapPost("/", PreviewAsync).RequireAuthorization(AccessPolicies.Member).WithName("ExtractFromText")
            .WithSummary("Extract observables (refanged), CVE and ATT&CK ids from free text and propose indicators, with warninglist hits and what you already read; stores nothing.");
        group.MapPost("/import", ImportAsync).RequireAuthorization(AccessPolicies.Analyst).WithName("ImportExtracted")
            .WithSummary("Store the confirmed items of a text extraction as one all-or-nothing import: indicators, vulnerabilities and a report referencing them and the ATT&CK techniques.");
    }

    internal static async Task<Results<Ok<TextPreview>, ProblemHttpResult>> PreviewAsync(HttpContext context, ITextImport import, ExtractRequest? request)
    {
        var principal = await Requests.PrincipalAsync(context);
        var result = await import.PreviewAsync(principal, request?.Text ?? "", context.RequestAborted);
        return result.ToOk();
    }

    internal static async Task<Results<Ok<TextImportResult>, ProblemHttpResult>> ImportAsync(HttpContext context, ITextImport import, ExtractImportRequest? request)
    {
        var tlp = Requests.Tlp(request?.Tlp);
        var scope = Requests.Scope(request?.Scope);
        var group = Requests.Id(request?.SharingGroup, "sharing_group");
        var recipients = Requests.Recipients(request?.Recipients);
        if ((tlp.Error ?? scope.Error ?? group.Error ?? recipients.Error) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await import.ImportAsync(principal, new TextImportRequest
        {
            Name = request?.Name,
            Description = request?.Description,
            Items = request?.Items ?? [],
            Tlp = tlp.Value ?? Stix.Tlp.Amber,
            Scope = scope.Value,
            SharingGroupId = group.Value,
            Recipients = recipients.Value!,
        }, context.RequestAborted);
        return result.ToOk();
    }
}
