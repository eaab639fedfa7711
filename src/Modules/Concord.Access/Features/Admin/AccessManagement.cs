using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Platform;

namespace Concord.Access.Features.Admin;

/// <summary>
/// <see cref="IAccessManagement"/>: the REST endpoints' services for an in-process caller (the web UI). It checks
/// nothing itself: each service enforces its operation's role (<see cref="AdminRules"/>) for this caller as for the API.
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
        var listed = await users.ListAsync(Caller.From(caller), organisationId, cancellationToken);
        return listed.IsSuccess ? listed.Value!.Select(ToSummary).ToList() : listed.Error!;
    }

    public async Task<Result<CreatedUser>> CreateUserAsync(ClaimsPrincipal caller, NewUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var created = await users.CreateAsync(Caller.From(caller), user, cancellationToken);
        return created.IsSuccess
            ? new CreatedUser(created.Value.User.Id, created.Value.User.UserName!, created.Value.User.OrganisationId, created.Value.User.Role, created.Value.OneTimePassword)
            : created.Error!;
    }

    public Task<Result<UserSummary>> SetUserDisabledAsync(ClaimsPrincipal caller, Guid userId, bool disabled, CancellationToken cancellationToken) =>
        UserChangeAsync(users.SetDisabledAsync(Caller.From(caller), userId, disabled, cancellationToken));

    public Task<Result<UserSummary>> SetUserRoleAsync(ClaimsPrincipal caller, Guid userId, Role role, CancellationToken cancellationToken) =>
        UserChangeAsync(users.UpdateAsync(Caller.From(caller), userId, role, null, cancellationToken));

    public Task<Result<string>> ResetPasswordAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken) =>
        users.ResetPasswordAsync(Caller.From(caller), userId, cancellationToken);

    public async Task<Result<IReadOnlyList<ApiKeySummary>>> ListApiKeysAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var listed = await apiKeys.ListAsync(Caller.From(caller), cancellationToken);
        var now = time.GetUtcNow();
        return listed.IsSuccess ? listed.Value!.Select(k => ToSummary(k, now)).ToList() : listed.Error!;
    }

    public async Task<Result<CreatedApiKey>> CreateApiKeyAsync(
        ClaimsPrincipal caller, string? name, Role? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var who = Caller.From(caller);
        var issued = await apiKeys.CreateAsync(who, who.UserId ?? Guid.Empty, name, role, expiresAt, cancellationToken);
        if (!issued.IsSuccess)
        {
            return issued.Error!;
        }

        var k = issued.Value!.ApiKey;
        return new CreatedApiKey(k.Id, k.OrganisationId, k.Name, k.Prefix, k.Role, k.ExpiresAt, issued.Value.Key);
    }

    public async Task<Result<ApiKeySummary>> RevokeApiKeyAsync(ClaimsPrincipal caller, Guid keyId, CancellationToken cancellationToken)
    {
        var revoked = await apiKeys.RevokeAsync(Caller.From(caller), keyId, cancellationToken);
        return revoked.IsSuccess ? ToSummary(revoked.Value!, time.GetUtcNow()) : revoked.Error!;
    }

    public async Task<Result<OrganisationInfo>> CreateOrganisationAsync(ClaimsPrincipal caller, NewOrganisation organisation, CancellationToken cancellationToken)
    {
        var created = await organisations.CreateAsync(Caller.From(caller), organisation, cancellationToken);
        return created.IsSuccess ? created.Value!.ToInfo() : created.Error!;
    }

    public async Task<Result<OrganisationInfo>> UpdateOrganisationAsync(
        ClaimsPrincipal caller, Guid organisationId, OrganisationChanges changes, CancellationToken cancellationToken)
    {
        var updated = await organisations.UpdateAsync(Caller.From(caller), organisationId, changes, cancellationToken);
        return updated.IsSuccess ? updated.Value!.ToInfo() : updated.Error!;
    }

    public async Task<Result<IReadOnlyList<SharingGroupInfo>>> ListSharingGroupsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var listed = await groups.ListAsync(Caller.From(caller), cancellationToken);
        return listed.IsSuccess ? listed.Value! : listed.Error!;
    }

    public Task<Result<SharingGroupInfo>> CreateSharingGroupAsync(ClaimsPrincipal caller, NewSharingGroup group, CancellationToken cancellationToken) =>
        groups.CreateAsync(Caller.From(caller), group, cancellationToken);

    public Task<Result<SharingGroupInfo>> GetSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken) =>
        groups.GetAsync(Caller.From(caller), groupId, cancellationToken);

    public Task<Result<SharingGroupInfo>> RenameSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, string? name, CancellationToken cancellationToken) =>
        groups.RenameAsync(Caller.From(caller), groupId, name, cancellationToken);

    public Task<Result<SharingGroupInfo>> DeleteSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken) =>
        groups.DeleteAsync(Caller.From(caller), groupId, cancellationToken);

    public Task<Result<SharingGroupInfo>> AddGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        groups.AddMemberAsync(Caller.From(caller), groupId, organisationId, cancellationToken);

    public Task<Result<SharingGroupInfo>> RemoveGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken) =>
        groups.RemoveMemberAsync(Caller.From(caller), groupId, organisationId, cancellationToken);

    public async Task<Result<IReadOnlyList<PeerNodeInfo>>> ListPeerNodesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var listed = await peers.ListAsync(Caller.From(caller), cancellationToken);
        return listed.IsSuccess ? listed.Value! : listed.Error!;
    }

    public Task<Result<CreatedPeerNode>> CreatePeerNodeAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken) =>
        peers.CreateAsync(Caller.From(caller), name, cancellationToken);

    public Task<Result<PeerNodeInfo>> RevokePeerNodeAsync(ClaimsPrincipal caller, Guid peerId, CancellationToken cancellationToken) =>
        peers.RevokeAsync(Caller.From(caller), peerId.ToString(), cancellationToken);

    private static async Task<Result<UserSummary>> UserChangeAsync(Task<Result<AccessUser>> change)
    {
        var changed = await change;
        return changed.IsSuccess ? ToSummary(changed.Value!) : changed.Error!;
    }

    private static UserSummary ToSummary(AccessUser u) => new(
        u.Id, u.UserName ?? "", u.Email, u.OrganisationId, u.Role, u.Disabled, u.MustChangePassword, u.TwoFactorEnabled, u.LockoutEnd, u.CreatedAt, u.LastSignInAt);

    private static ApiKeySummary ToSummary(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, k.Prefix, k.OrganisationId, k.CreatedByUserId, k.Role,
        k.RevokedAt is not null ? ApiKeyStatus.Revoked : now >= k.ExpiresAt ? ApiKeyStatus.Expired : ApiKeyStatus.Active,
        k.CreatedAt, k.ExpiresAt, k.LastUsedAt);
}
