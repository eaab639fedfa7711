using System.Security.Claims;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>
/// The audit trail: organisation admins read their organisation's entries, the secretariat and node admins all of them
/// (<see cref="IAuditLog"/> applies the rule); node admins check the chain; everyone reads their own sign-ins.
/// </summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AccessPolicies.OrgAdmin);
        group.MapGet("/", QueryAsync).WithName("QueryAudit")
            .WithSummary("Audit entries, newest first: all of them for the secretariat and node admins, your organisation's for its admins.");
        group.MapGet("/verify", VerifyAsync).RequireAuthorization(AccessPolicies.NodeAdmin).WithName("VerifyAudit")
            .WithSummary("Check the audit trail's hash chain; names the first entry changed, removed or reordered (node admins).");
        endpoints.MapGet("/me/sign-ins", SignInsAsync).WithTags("Me").RequireAuthorization(AccessPolicies.Member).WithName("GetMySignIns")
            .WithSummary("Your last sign-ins and failed sign-ins on your account, newest first.");
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> QueryAsync(
        ClaimsPrincipal user, IAuditLog audit, CancellationToken cancellationToken,
        [FromQuery] string? action = null, [FromQuery] Guid? organisation = null, [FromQuery] Guid? actor = null,
        [FromQuery] DateTimeOffset? from = null, [FromQuery] DateTimeOffset? to = null, [FromQuery] long? before = null, [FromQuery] int limit = 100)
    {
        var page = await audit.QueryAsync(user, new AuditQuery(action, organisation, actor, from, to, before, limit), cancellationToken);
        return page.ToOk();
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(IAuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<AuditEntryInfo>>> SignInsAsync(
        ClaimsPrincipal user, IAuditLog audit, CancellationToken cancellationToken, [FromQuery] int limit = 20) =>
        TypedResults.Ok(await audit.SignInsAsync(user, limit, cancellationToken));
}
