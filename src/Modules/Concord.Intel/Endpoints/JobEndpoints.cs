using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>Status of background imports. A job belongs to the importing organisation; anyone else gets 404.</summary>
internal static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/jobs").WithTags("Jobs").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("List your organisation's import jobs, newest first.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetJob").WithSummary("Get an import job's state, progress and rejected objects.");
    }

    internal static async Task<Results<Ok<ImportJobStatus>, ProblemHttpResult>> GetAsync(HttpContext context, IImportJobs jobs, Guid id)
    {
        var principal = await Requests.PrincipalAsync(context);
        var result = await jobs.GetAsync(principal, id, context.RequestAborted);
        return result.ToOk();
    }

    internal static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListAsync(HttpContext context, IImportJobs jobs, [FromQuery] int? limit)
    {
        if (limit is < 1 or > 500)
        {
            return Error.Validation("limit", "range", "'limit' must be between 1 and 500.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        return TypedResults.Ok(new JobListResponse(await jobs.ListAsync(principal, limit ?? 50, context.RequestAborted)));
    }
}
