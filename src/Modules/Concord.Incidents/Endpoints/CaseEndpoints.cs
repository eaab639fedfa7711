using System.Security.Claims;
using System.Text.Json;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Incidents.Endpoints;

/// <summary>Cases: open, list, read, change and share (members; writes by analysts, changes by the case's owner).</summary>
internal static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/cases").WithTags("Incidents").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ListAsync).WithName("ListCases")
            .WithSummary("The cases your organisation may read (its own and those shared with it), newest change first, filtered by words, status, severity, category, country or sector.");
        group.MapPost("/", OpenAsync).WithName("OpenCase")
            .WithSummary("Open a case (analysts): title, summary, RSIT category, severity, TLP, PAP, affected countries and sectors, participants (they are told); the first value refused is named and nothing is stored.");
        group.MapGet("/taxonomy", Taxonomy).WithName("GetCaseTaxonomy")
            .WithSummary("The case categories (the Reference Security Incident Taxonomy, class:type) and the critical-infrastructure sectors a case may name.");
        group.MapGet("/{caseId:guid}", GetAsync).WithName("GetCase")
            .WithSummary("A case with its timeline, observables (with correlation), tasks, comments, attachments and participants: what your organisation may read of it.");
        group.MapPatch("/{caseId:guid}", UpdateAsync).WithName("UpdateCase")
            .WithSummary("Change a case's fields (its owner's analysts): each field given replaces the stored one; the first value refused is named and nothing changes.");
        group.MapPut("/{caseId:guid}/participants", ShareAsync).WithName("ShareCase")
            .WithSummary("Replace who a case is shared with (its owner's analysts); new participants are told; removed ones keep only what they wrote.");
        group.MapGet("/{caseId:guid}/stix", StixAsync).WithName("GetCaseStix")
            .WithSummary("The case as a STIX 2.1 bundle (incident, notes, relationships, identities, extension-definition), holding what your organisation may read; a download.");
    }

    private static async Task<Results<Ok<IReadOnlyList<CaseSummary>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken,
        string? q = null, string? status = null, string? severity = null, string? category = null, string? country = null, string? sector = null)
    {
        CaseStatus? byStatus = null;
        CaseSeverity? bySeverity = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!IncidentJson.TryParse<CaseStatus>(status, out var parsed))
            {
                return Error.Validation("status", "unknown-status", $"'{status}' is not a case status; one of: {string.Join(", ", Enum.GetValues<CaseStatus>().Select(IncidentJson.Name))}.").ToProblem();
            }

            byStatus = parsed;
        }

        if (!string.IsNullOrWhiteSpace(severity))
        {
            if (!IncidentJson.TryParse<CaseSeverity>(severity, out var parsed))
            {
                return Error.Validation("severity", "unknown-severity", $"'{severity}' is not a severity; one of: {string.Join(", ", Enum.GetValues<CaseSeverity>().Select(IncidentJson.Name))}.").ToProblem();
            }

            bySeverity = parsed;
        }

        var result = await cases.ListAsync(await principals.ResolveAsync(user, cancellationToken), new CaseQuery(q, byStatus, bySeverity, category, country, sector), cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Created<CaseView>, ProblemHttpResult>> OpenAsync(
        CaseDraft draft, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.OpenAsync(await principals.ResolveAsync(user, cancellationToken), draft, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/cases/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static Ok<CaseTaxonomy> Taxonomy() => TypedResults.Ok(new CaseTaxonomy(IncidentTaxonomy.Version, IncidentTaxonomy.Categories, IncidentTaxonomy.Sectors));

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        Guid caseId, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.GetAsync(await principals.ResolveAsync(user, cancellationToken), caseId, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> UpdateAsync(
        Guid caseId, CaseUpdate update, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.UpdateAsync(await principals.ResolveAsync(user, cancellationToken), caseId, update, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> ShareAsync(
        Guid caseId, CaseSharing sharing, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, CancellationToken cancellationToken)
    {
        var result = await cases.ShareAsync(await principals.ResolveAsync(user, cancellationToken), caseId, sharing, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> StixAsync(
        Guid caseId, ClaimsPrincipal user, IPrincipalResolver principals, ICases cases, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await cases.StixAsync(await principals.ResolveAsync(user, cancellationToken), caseId, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"case-{caseId}.stix.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(JsonSerializer.SerializeToElement(new { type = "bundle", id = $"bundle--{Guid.NewGuid()}", objects = result.Value }));
    }
}

/// <summary>What a case may be classified with.</summary>
public sealed record CaseTaxonomy(int RsitVersion, IReadOnlyList<IncidentCategory> Categories, IReadOnlyList<string> Sectors);
