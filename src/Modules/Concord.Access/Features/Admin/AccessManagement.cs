using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Platform;

namespace Concord.Access.Features.Admin;

/// <summary>
/// <see cref="IAccessManagement"/>: the REST endpoints' services and policies for an in-process caller. Each method
/// first checks what the endpoint's policy checks (<see cref="Gate"/>), then lets the service decide as for the API.
/// </summary>
internal sealed class AccessManagement(
    OrganisationService organisations,
    UserService users,
    ApiKeyService apiKeys,
    SharingGroupService groups,
    PeerNodeService peers,
    TimeProvider time) : IAccessManagement
{
    public async Task<Result<IReadOnlyList<UserSummary>>> ListUsersAsync(ClaimsPrincipal caller, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.OrgAdmin) is { } denied)
        {
            return denied;
        }

        return (await users.ListAsync(Caller.From(caller), organisationId, cancellationToken)).Select(ToSummary).ToList();
    }

    public async Task<Result<CreatedUser>> CreateUserAsync(ClaimsPrincipal caller, NewUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Gate(caller, Role.OrgAdmin) is { } denied)
        {
            return denied;
        }

        var created = await users.CreateAsync(Caller.From(caller), user, cancellationToken);
        return created.IsSuccess
            ? new CreatedUser(created.Value.User.Id, created.Value.User.UserName!, created.Value.User.OrganisationId, created.Value.User.Role, created.Value.OneTimePassword)
            : created.Error!;
    }

    public Task<Result<UserSummary>> SetUserDisabledAsync(ClaimsPrincipal caller, Guid userId, bool disabled, CancellationToken cancellationToken) =>
        UserChangeAsync(caller, c => users.SetDisabledAsync(c, userId, disabled, cancellationToken));

    public Task<Result<UserSummary>> SetUserRoleAsync(ClaimsPrincipal caller, Guid userId, Role role, CancellationToken cancellationToken) =>
        UserChangeAsync(caller, c => users.UpdateAsync(c, userId, role, null, cancellationToken));

    public async Task<Result<string>> ResetPasswordAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await users.ResetPasswordAsync(Caller.From(caller), userId, cancellationToken);

    public async Task<Result<IReadOnlyList<ApiKeySummary>>> ListApiKeysAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.ReadOnly) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        return (await apiKeys.ListAsync(Caller.From(caller), cancellationToken)).Select(k => ToSummary(k, now)).ToList();
    }

    public async Task<Result<CreatedApiKey>> CreateApiKeyAsync(
        ClaimsPrincipal caller, string? name, Role? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.ReadOnly) is { } denied)
        {
            return denied;
        }

        var who = Caller.From(caller);
        if (!who.IsUserSession)
        {
            return new Error(ErrorKind.Forbidden, "user-session-required", "API keys are created by a signed-in user, not by another key.");
        }

        var issued = await apiKeys.CreateAsync(who.UserId!.Value, name, role, expiresAt, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        var k = issued.Value!.ApiKey;
        return new CreatedApiKey(k.Id, k.OrganisationId, k.Name, k.Prefix, k.Role, k.ExpiresAt, issued.Value.Key);
    }

    public async Task<Result<ApiKeySummary>> RevokeApiKeyAsync(ClaimsPrincipal caller, Guid keyId, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.ReadOnly) is { } denied)
        {
            return denied;
        }

        var revoked = await apiKeys.RevokeAsync(Caller.From(caller), keyId, cancellationToken);
        return revoked.IsSuccess ? ToSummary(revoked.Value!, time.GetUtcNow()) : revoked.Error!;
    }

    public async Task<Result<OrganisationInfo>> CreateOrganisationAsync(ClaimsPrincipal caller, NewOrganisation organisation, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.Secretariat) is { } denied)
        {
            return denied;
        }

        var created = await organisations.CreateAsync(organisation, cancellationToken);
        return created.IsSuccess ? created.Value!.ToInfo() : created.Error!;
    }

    public async Task<Result<OrganisationInfo>> UpdateOrganisationAsync(
        ClaimsPrincipal caller, Guid organisationId, OrganisationChanges changes, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.Secretariat) is { } denied)
        {
            return denied;
        }

        var updated = await organisations.UpdateAsync(organisationId, changes, cancellationToken);
        return updated.IsSuccess ? updated.Value!.ToInfo() : updated.Error!;
    }

    public async Task<Result<IReadOnlyList<SharingGroupInfo>>> ListSharingGroupsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        Gate(caller, Role.ReadOnly) is { } denied ? denied : await groups.ListAsync(Caller.From(caller), cancellationToken);

    public async Task<Result<SharingGroupInfo>> CreateSharingGroupAsync(ClaimsPrincipal caller, NewSharingGroup group, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await groups.CreateAsync(Caller.From(caller), group, cancellationToken);

    public async Task<Result<SharingGroupInfo>> GetSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken) =>
        Gate(caller, Role.ReadOnly) is { } denied ? denied : await groups.GetAsync(Caller.From(caller), groupId, cancellationToken);

    public async Task<Result<SharingGroupInfo>> RenameSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, string? name, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await groups.RenameAsync(Caller.From(caller), groupId, name, cancellationToken);

    public async Task<Result<SharingGroupInfo>> DeleteSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await groups.DeleteAsync(Caller.From(caller), groupId, cancellationToken);

    public async Task<Result<SharingGroupInfo>> AddGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await groups.AddMemberAsync(Caller.From(caller), groupId, organisationId, cancellationToken);

    public async Task<Result<SharingGroupInfo>> RemoveGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        Gate(caller, Role.OrgAdmin) is { } denied ? denied : await groups.RemoveMemberAsync(Caller.From(caller), groupId, organisationId, cancellationToken);

    public async Task<Result<IReadOnlyList<PeerNodeInfo>>> ListPeerNodesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.NodeAdmin) is { } denied)
        {
            return denied;
        }

        return await peers.ListAsync(cancellationToken);
    }

    public async Task<Result<CreatedPeerNode>> CreatePeerNodeAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken)
    {
        if (Gate(caller, Role.NodeAdmin) is { } denied)
        {
            return denied;
        }

        var who = Caller.From(caller);
        return who.IsUserSession
            ? await peers.CreateAsync(who, name, cancellationToken)
            : new Error(ErrorKind.Forbidden, "user-session-required", "Peer nodes are registered by a signed-in node admin, not by an API key.");
    }

    public async Task<Result<PeerNodeInfo>> RevokePeerNodeAsync(ClaimsPrincipal caller, Guid peerId, CancellationToken cancellationToken) =>
        Gate(caller, Role.NodeAdmin) is { } denied ? denied : await peers.RevokeAsync(Caller.From(caller), peerId.ToString(), cancellationToken);

    /// <summary>
    /// What the endpoint policies check (AuthenticationSetup): a Concord identity that is not a peer node, no one-time
    /// password still to change, and at least <paramref name="minimum"/>. Fails closed.
    /// </summary>
    private static Error? Gate(ClaimsPrincipal caller, Role minimum)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Identity?.IsAuthenticated != true || caller.FindFirstValue(AccessClaims.Kind) is null || AccessClaims.IsPeerNode(caller))
        {
            return new Error(ErrorKind.Forbidden, "authentication-required", "Sign in first.");
        }

        if (AccessIdentity.MustChangePassword(caller))
        {
            return new Error(ErrorKind.Forbidden, "password-change-required", "Change your one-time password first.");
        }

        return Caller.From(caller).Role < minimum
            ? new Error(ErrorKind.Forbidden, "insufficient-role", "Your role does not allow this action.")
            : null;
    }

    private async Task<Result<UserSummary>> UserChangeAsync(ClaimsPrincipal caller, Func<Caller, Task<Result<AccessUser>>> change)
    {
        if (Gate(caller, Role.OrgAdmin) is { } denied)
        {
            return denied;
        }

        var changed = await change(Caller.From(caller));
        return changed.IsSuccess ? ToSummary(changed.Value!) : changed.Error!;
    }

    private static UserSummary ToSummary(AccessUser u) => new(
        u.Id, u.UserName ?? "", u.Email, u.OrganisationId, u.Role, u.Disabled, u.MustChangePassword, u.TwoFactorEnabled, u.LockoutEnd, u.CreatedAt, u.LastSignInAt);

    private static ApiKeySummary ToSummary(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, k.Prefix, k.OrganisationId, k.CreatedByUserId, k.Role,
        k.RevokedAt is not null ? ApiKeyStatus.Revoked : now >= k.ExpiresAt ? ApiKeyStatus.Expired : ApiKeyStatus.Active,
        k.CreatedAt, k.ExpiresAt, k.LastUsedAt);
}
