using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Endpoints;

/// <summary>The caller itself. Open to users who still must change a one-time password, so that they can.</summary>
internal static class MeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/me").WithTags("Me").RequireAuthorization(AuthenticationSetup.AnyAuthenticated);
        group.MapGet("/", GetAsync).WithName("GetMe").WithSummary("Who am I: user or API key, organisation, role.");
        group.MapPost("/password", ChangePasswordAsync).WithName("ChangeMyPassword").WithSummary("Change your own password.");
    }

    private static async Task<Ok<MeResponse>> GetAsync(ClaimsPrincipal user, MeDescriber me, CancellationToken cancellationToken) =>
        TypedResults.Ok(await me.DescribeAsync(user, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, UserService users, SessionStore sessions, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsUserSession)
        {
            return new Error(ErrorKind.Forbidden, "user-session-required", "An API key cannot change a password; sign in as the user.").ToProblem();
        }

        var changed = await users.ChangeOwnPasswordAsync(caller.UserId!.Value, request.CurrentPassword, request.NewPassword, cancellationToken);
        if (!changed.IsSuccess)
        {
            return changed.Error!.ToProblem();
        }

        // The security stamp changed: this session goes on with a fresh cookie, the user's other sessions end.
        await sessions.RenewAsync(http, changed.Value!);

        return TypedResults.NoContent();
    }
}

/// <summary>Builds <see cref="MeResponse"/> from the caller's claims.</summary>
internal sealed class MeDescriber(AccessDbContext db)
{
    public async Task<MeResponse> DescribeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var organisation = caller.OrganisationId is { } org
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new MeResponse(
            Guid.Parse(user.FindFirstValue(AccessClaims.Subject)!),
            user.FindFirstValue(AccessClaims.Kind)!,
            user.FindFirstValue(AccessClaims.Name) ?? "",
            caller.UserId,
            caller.OrganisationId,
            organisation,
            AccessNames.Of(caller.Role),
            user.HasClaim(c => c.Type == AccessClaims.MustChangePassword));
    }
}
