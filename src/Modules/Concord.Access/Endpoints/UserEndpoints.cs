using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>Users: org admins manage their own organisation's, node admins everyone's. Others' users answer 404.</summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Each operation's role comes from AdminRules, which UserService enforces again for every caller.
        var group = endpoints.MapGroup("/users").WithTags("Users");
        group.MapGet("/", ListAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.ListUsers))
            .WithName("ListUsers").WithSummary("List the users you administer.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.GetUser))
            .WithName("GetUser").WithSummary("Get a user you administer.");
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.CreateUser))
            .WithName("CreateUser").WithSummary("Create a user; a generated one-time password is returned once.");
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.UpdateUser))
            .WithName("UpdateUser").WithSummary("Change a user's role or e-mail.");
        group.MapPost("/{id:guid}/disable", (Guid id, ClaimsPrincipal user, UserService users, CancellationToken ct) => SetDisabledAsync(id, true, user, users, ct))
            .RequireAuthorization(AdminRules.Policy(AdminOperation.SetUserDisabled))
            .WithName("DisableUser").WithSummary("Disable a user: sessions end and the user's API keys stop working.");
        group.MapPost("/{id:guid}/enable", (Guid id, ClaimsPrincipal user, UserService users, CancellationToken ct) => SetDisabledAsync(id, false, user, users, ct))
            .RequireAuthorization(AdminRules.Policy(AdminOperation.SetUserDisabled))
            .WithName("EnableUser").WithSummary("Re-enable a disabled user.");
        group.MapPost("/{id:guid}/reset-password", ResetPasswordAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.ResetPassword))
            .WithName("ResetUserPassword").WithSummary("Set a new one-time password (returned once) and clear any lockout.");
    }

    private static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> ListAsync(
        Guid? organisationId, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        var listed = await users.ListAsync(Caller.From(user), organisationId, cancellationToken);
        return listed.IsSuccess ? TypedResults.Ok(listed.Value!.Select(UserResponse.From).ToList()) : listed.Error!.ToProblem();
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        var found = await users.GetAsync(Caller.From(user), id, cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(UserResponse.From(found.Value!)) : found.Error!.ToProblem();
    }

    private static async Task<Results<Created<CreatedUserResponse>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (!AccessNames.TryParseRole(request.Role ?? "read-only", out var role))
        {
            return Error.Validation("role", "enum", $"'role' must be one of: {AccessNames.Roles}.").ToProblem();
        }

        // An org admin's users join the admin's organisation unless another is named (and then refused unless node admin).
        var organisationId = request.OrganisationId ?? (role == Role.NodeAdmin ? null : caller.OrganisationId);
        var created = await users.CreateAsync(caller,
            new NewUser(request.UserName ?? "", organisationId, role, request.Email, request.Password), cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error!.ToProblem();
        }

        var (u, password) = created.Value;
        return TypedResults.Created($"users/{u.Id}", new CreatedUserResponse(UserResponse.From(u), password));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateUserRequest request, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        Role? role = null;
        if (request.Role is not null)
        {
            if (!AccessNames.TryParseRole(request.Role, out var r))
            {
                return Error.Validation("role", "enum", $"'role' must be one of: {AccessNames.Roles}.").ToProblem();
            }

            role = r;
        }

        var updated = await users.UpdateAsync(Caller.From(user), id, role, request.Email, cancellationToken);
        return updated.IsSuccess ? TypedResults.Ok(UserResponse.From(updated.Value!)) : updated.Error!.ToProblem();
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetDisabledAsync(
        Guid id, bool disabled, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        var changed = await users.SetDisabledAsync(Caller.From(user), id, disabled, cancellationToken);
        return changed.IsSuccess ? TypedResults.Ok(UserResponse.From(changed.Value!)) : changed.Error!.ToProblem();
    }

    private static async Task<Results<Ok<OneTimePasswordResponse>, ProblemHttpResult>> ResetPasswordAsync(
        Guid id, ClaimsPrincipal user, UserService users, CancellationToken cancellationToken)
    {
        var reset = await users.ResetPasswordAsync(Caller.From(user), id, cancellationToken);
        return reset.IsSuccess ? TypedResults.Ok(new OneTimePasswordResponse(reset.Value!)) : reset.Error!.ToProblem();
    }
}
