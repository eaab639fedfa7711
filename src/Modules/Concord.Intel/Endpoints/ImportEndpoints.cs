using Concord.Access;
using Concord.Intel.Features.Import;
using Concord.Intel.Jobs;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Concord.Intel.Endpoints;

/// <summary>
/// <c>POST /objects/import</c>: the body (a STIX bundle or MISP JSON, told apart by its first keys) is spooled to disk,
/// then imported while the client waits, or queued as a job (202 + Location) when <see cref="IImportRouting"/> says so
/// (it is large, or <c>async=true</c>).
/// </summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/objects").WithTags("Objects").RequireAuthorization(AccessPolicies.Analyst)
            .MapPost("/import", ImportAsync).WithName("ImportObjects").WithSummary("Import a STIX 2.1 bundle or MISP JSON (an event, an API export, a list of events): answered with the import report, or 202 and a job when large or async=true; a body in neither format is refused (400, rule unknown-format).").Accepts<Stream>("application/json", "application/stix+json", "application/taxii+json");
    }

    internal static async Task<Results<Ok<ImportReport>, Accepted<ImportJobStatus>, ProblemHttpResult>> ImportAsync(
        HttpContext context,
        IIntelStore store,
        ImportJobService jobs,
        IAccessDirectory directory,
        Spool spool,
        IOptions<IntelOptions> options,
        IImportRouting routing,
        TimeProvider time,
        [FromQuery] string? policy,
        [FromQuery] string? tlp,
        [FromQuery] string? scope,
        [FromQuery] string[]? recipients,
        [FromQuery(Name = "sharing_group")] string? sharingGroup,
        [FromQuery(Name = "async")] bool? runAsJob)
    {
        var parsedPolicy = Requests.Policy(policy);
        var parsedTlp = Requests.Tlp(tlp);
        var parsedScope = Requests.Scope(scope);
        var parsedRecipients = Requests.Recipients(recipients);
        var parsedGroup = Requests.Id(sharingGroup, "sharing_group");
        if ((parsedPolicy.Error ?? parsedTlp.Error ?? parsedScope.Error ?? parsedRecipients.Error ?? parsedGroup.Error) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var importOptions = new ImportOptions
        {
            Policy = parsedPolicy.Value,
            Tlp = parsedTlp.Value,
            Scope = parsedScope.Value,
            Recipients = parsedRecipients.Value!,
            SharingGroupId = parsedGroup.Value,
        };
        var principal = await Requests.PrincipalAsync(context);
        var plan = await DistributionPlan.ResolveAsync(principal, importOptions, directory, context.RequestAborted);
        if (!plan.IsSuccess)
        {
            return plan.Error!.ToProblem();
        }

        var limits = options.Value;
        if (context.Request.ContentLength > limits.MaxImportBytes)
        {
            return Spool.TooLarge(limits.MaxImportBytes).ToProblem();
        }

        // The server-wide body limit is for ordinary requests; an import is spooled to disk and has its own.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limits.MaxImportBytes + 1;
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        var spooled = await spool.WriteAsync(id, context.Request.Body, limits.MaxImportBytes, context.RequestAborted);
        if (!spooled.IsSuccess)
        {
            return spooled.Error!.ToProblem();
        }

        await using var lease = spooled.Value!;
        var format = await ImportJobService.DetectAsync(lease, context.RequestAborted);
        if (!format.IsSuccess)
        {
            return format.Error!.ToProblem();
        }

        if (routing.Choose(ImportEntry.Rest, lease.Bytes, runAsJob == true) == ImportMode.Job)
        {
            var job = await jobs.QueueAsync(principal, id, lease, importOptions.Policy, plan.Value!, format.Value!, context.RequestAborted);
            return TypedResults.Accepted($"{context.Request.PathBase}/api/v1/jobs/{job.Id}", job);
        }

        var result = await store.ImportAsync(principal, lease.Stream, importOptions, null, context.RequestAborted);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        var report = result.Value!;
        if (report.Committed)
        {
            return TypedResults.Ok(report);
        }

        var problem = Error.Validation("objects", "bundle-rejected",
            $"{report.Rejected} of {report.Processed} object(s) are invalid; with policy all-or-nothing nothing was stored.").ToProblem();
        problem.ProblemDetails.Extensions["errors"] = report.Errors;
        problem.ProblemDetails.Extensions["errors_truncated"] = report.ErrorsTruncated;
        return problem;
    }
}
