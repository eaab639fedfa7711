using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Concord.Access.Features.Admin;

/// <summary>
/// Users. Org admins manage their own organisation's users, node admins everyone's; nobody grants a role above
/// their own. Users the caller may not administer answer 404.
/// </summary>
internal sealed class UserService(UserManager<AccessUser> users, AccessDbContext db, TimeProvider time, ILogger<UserService> logger, IAuditTrail audit)
{
    public async Task<Result<List<AccessUser>>> ListAsync(Caller caller, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.ListUsers) is { } denied)
        {
            return denied;
        }

        var query = db.Users.AsNoTracking();
        if (!caller.IsNodeAdmin && !caller.IsSystem)
        {
            query = query.Where(u => u.OrganisationId == caller.OrganisationId && u.OrganisationId != null);
        }

        if (organisationId is { } org)
        {
            query = query.Where(u => u.OrganisationId == org);
        }

        return await query.OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
    }

    public async Task<Result<AccessUser>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.GetUser) is { } denied)
        {
            return denied;
        }

        var user = await users.FindByIdAsync(id.ToString());
        return user is not null && (caller.IsSystem || caller.Administers(user.OrganisationId)) ? user : Error.NotFound("The user");
    }

    public Task<Result<(AccessUser User, string? OneTimePassword)>> CreateAsync(Caller caller, NewUser request, CancellationToken cancellationToken) =>
        CreateCoreAsync(caller, request, cancellationToken).AuditedAsync(audit, u => new AuditEvent("user.create", "user", u.User.Id.ToString(), u.User.OrganisationId, $"role {u.User.Role}"), cancellationToken);

    private async Task<Result<(AccessUser User, string? OneTimePassword)>> CreateCoreAsync(Caller caller, NewUser request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AdminRules.Check(caller, AdminOperation.CreateUser) is { } denied)
        {
            return denied;
        }

        if ((Rules.Text(request.UserName, "userName", 64, min: 2) ?? Rules.Text(request.Email, "email", 254, required: false)) is { } invalid)
        {
            return invalid;
        }

        if (!Enum.IsDefined(request.Role))
        {
            return Error.Validation("role", "enum", $"'role' must be one of: {AccessNames.Roles}.");
        }

        if (request.Role > caller.Role)
        {
            return Rules.RoleAboveOwn();
        }

        if (request.OrganisationId is not { } org)
        {
            if (request.Role != Role.NodeAdmin)
            {
                return Error.Validation("organisationId", "required", "Every user except a node admin belongs to an organisation.");
            }
        }
        else if (!await db.Organisations.AnyAsync(o => o.Id == org, cancellationToken))
        {
            return Rules.UnknownOrganisation("organisationId", org);
        }
        else if (await db.Organisations.AnyAsync(o => o.Id == org && o.HomeNodeId != null, cancellationToken))
        {
            return Error.Validation("organisationId", "federated-organisation", "That organisation is hosted on another node: its users sign in there, not here.");
        }

        if (!caller.IsSystem && !caller.Administers(request.OrganisationId))
        {
            return new Error(ErrorKind.Forbidden, "not-your-organisation", "You may only create users in your own organisation.", "organisationId");
        }

        var generated = request.Password is null ? PasswordGenerator.Generate() : null;
        var user = new AccessUser
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            UserName = request.UserName.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            OrganisationId = request.OrganisationId,
            Role = request.Role,
            MustChangePassword = request.MustChangePassword ?? generated is not null,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, request.Password ?? generated!);
        if (!result.Succeeded)
        {
            return IdentityErrors.ToError(result, "password");
        }

        Log.AdminAction(logger, "created user", user.Id.ToString(), caller.Describe());
        return (user, generated);
    }

    /// <summary>
    /// Changes a user's role and e-mail. Nobody grants a role above their own (an org admin never makes a secretariat or
    /// node admin) nor changes their own. A role change ends the user's sessions (they sign in again under the new role);
    /// API keys are capped by the user's role at once.
    /// </summary>
    public Task<Result<AccessUser>> UpdateAsync(Caller caller, Guid id, Role? role, string? email, CancellationToken cancellationToken) =>
        UpdateCoreAsync(caller, id, role, email, cancellationToken).AuditedAsync(audit, u => new AuditEvent("user.update", "user", u.Id.ToString(), u.OrganisationId, $"role {u.Role}{(email is null ? "" : ", e-mail")}"), cancellationToken);

    private async Task<Result<AccessUser>> UpdateCoreAsync(Caller caller, Guid id, Role? role, string? email, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.UpdateUser) is { } denied)
        {
            return denied;
        }

        var found = await GetManageableAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var user = found.Value!;
        var roleChanged = false;
        if (role is { } newRole)
        {
            if (newRole > caller.Role)
            {
                return Rules.RoleAboveOwn();
            }

            // Another admin must do it: otherwise the last node admin (or an organisation's only admin) could demote
            // themself by accident and leave nobody to undo it.
            if (newRole != user.Role && user.Id == caller.UserId)
            {
                return Error.Validation("role", "cannot-change-own-role", "You cannot change your own role; ask another administrator.");
            }

            if (newRole != Role.NodeAdmin && user.OrganisationId is null)
            {
                return Error.Validation("role", "organisation-required", "Only a node admin may be without an organisation.");
            }

            roleChanged = newRole != user.Role;
            user.Role = newRole;
        }

        if (email is not null)
        {
            if (Rules.Text(email, "email", 254, required: false) is { } invalid)
            {
                return invalid;
            }

            user.Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        }

        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return IdentityErrors.ToError(result, "email");
        }

        if (roleChanged && !await EndSessionsAsync(user, cancellationToken))
        {
            return Error.Conflict("concurrency-failure", "The role changed, but the user's sessions could not be ended; try again.");
        }

        Log.AdminAction(logger, "updated user", user.Id.ToString(), caller.Describe());
        return user;
    }

    public Task<Result<AccessUser>> SetDisabledAsync(Caller caller, Guid id, bool disabled, CancellationToken cancellationToken) =>
        SetDisabledCoreAsync(caller, id, disabled, cancellationToken).AuditedAsync(audit, u => new AuditEvent(disabled ? "user.disable" : "user.enable", "user", u.Id.ToString(), u.OrganisationId), cancellationToken);

    private async Task<Result<AccessUser>> SetDisabledCoreAsync(Caller caller, Guid id, bool disabled, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.SetUserDisabled) is { } denied)
        {
            return denied;
        }

        var found = await GetManageableAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var user = found.Value!;
        if (disabled && user.Id == caller.UserId)
        {
            return Error.Validation("id", "cannot-disable-self", "You cannot disable your own account.");
        }

        user.Disabled = disabled;
        var result = await users.UpdateAsync(user);
        Log.AdminAction(logger, disabled ? "disabled user" : "enabled user", user.Id.ToString(), caller.Describe());

        // The user's sessions end (a new security stamp voids any cookie, pending sign-in or remembered password); the
        // user's API keys stop working via the Disabled check.
        return result.Succeeded && await EndSessionsAsync(user, cancellationToken) ? user : IdentityErrors.ToError(result, "id");
    }

    public Task<Result<string>> ResetPasswordAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        ResetPasswordCoreAsync(caller, id, cancellationToken).AuditedAsync(audit, _ => new AuditEvent("user.reset-password", "user", id.ToString()), cancellationToken);

    private async Task<Result<string>> ResetPasswordCoreAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.ResetPassword) is { } denied)
        {
            return denied;
        }

        var found = await GetManageableAsync(caller, id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var user = found.Value!;
        var password = PasswordGenerator.Generate();
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        if (!added.Succeeded)
        {
            return IdentityErrors.ToError(added, "password");
        }

        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await EndSessionsAsync(user, cancellationToken);
        Log.AdminAction(logger, "reset password of user", user.Id.ToString(), caller.Describe());
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return password;
    }

    public Task<Result<AccessUser>> ChangeOwnPasswordAsync(Guid userId, string? current, string? next, CancellationToken cancellationToken) =>
        ChangeOwnPasswordCoreAsync(userId, current, next, cancellationToken).AuditedAsync(audit, u => new AuditEvent("user.change-password", "user", u.Id.ToString(), u.OrganisationId), cancellationToken);

    private async Task<Result<AccessUser>> ChangeOwnPasswordCoreAsync(Guid userId, string? current, string? next, CancellationToken cancellationToken)
    {
        if ((Rules.Text(current, "currentPassword", 1024) ?? Rules.Text(next, "newPassword", 1024)) is { } invalid)
        {
            return invalid;
        }

        if (current == next)
        {
            return Error.Validation("newPassword", "password-unchanged", "The new password must differ from the current one.");
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.Disabled)
        {
            return Error.NotFound("The user");
        }

        var result = await users.ChangePasswordAsync(user, current!, next!);
        if (!result.Succeeded)
        {
            return IdentityErrors.ToError(result, "newPassword");
        }

        user.MustChangePassword = false;
        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? user : IdentityErrors.ToError(updated, "newPassword");
    }

    /// <summary>Ends every session of the user: a new security stamp voids their cookies, and the sessions' rows go.</summary>
    private async Task<bool> EndSessionsAsync(AccessUser user, CancellationToken cancellationToken)
    {
        var stamped = await users.UpdateSecurityStampAsync(user);
        await db.Sessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        return stamped.Succeeded;
    }

    /// <summary>A user the caller administers and whose role does not exceed the caller's.</summary>
    private async Task<Result<AccessUser>> GetManageableAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var found = await GetAsync(caller, id, cancellationToken);
        if (found.IsSuccess && found.Value!.Role > caller.Role)
        {
            return new Error(ErrorKind.Forbidden, "role-above-own", "You cannot manage a user whose role is higher than yours.", "id");
        }

        return found;
    }
}

internal static class IdentityErrors
{
    public static Error ToError(IdentityResult result, string passwordField)
    {
        var error = result.Errors.FirstOrDefault() ?? new IdentityError { Code = "Unknown", Description = "The change was refused." };
        var rule = Kebab(error.Code);
        return error.Code switch
        {
            "DuplicateUserName" => Error.Conflict("user-name-taken", error.Description, "userName"),
            "DuplicateEmail" => Error.Conflict("email-taken", error.Description, "email"),
            "InvalidUserName" => Error.Validation("userName", rule, error.Description),
            "InvalidEmail" => Error.Validation("email", rule, error.Description),
            "PasswordMismatch" => Error.Validation("currentPassword", rule, "The current password is wrong."),
            "ConcurrencyFailure" => Error.Conflict(rule, error.Description),
            _ => Error.Validation(passwordField, rule, error.Description),
        };
    }

    private static string Kebab(string code) =>
        string.Concat(code.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
