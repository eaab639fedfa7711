using System.Security.Claims;
using Concord.Platform;

namespace Concord.Access;

/// <summary>A user as administrators see it; <paramref name="LastSignInAt"/> is null until the first sign-in.</summary>
public sealed record UserSummary(
    Guid Id, string UserName, string? Email, Guid? OrganisationId, Role Role, bool Disabled, bool MustChangePassword,
    bool TotpEnabled, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt = null);

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>An API key without its secret (only the prefix that names it).</summary>
public sealed record ApiKeySummary(
    Guid Id, string Name, string Prefix, Guid OrganisationId, Guid CreatedByUserId, Role Role, ApiKeyStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// Administration on behalf of a signed-in person (the web UI): the same services and rules as the REST API under
/// <c>/api/v1</c>, which check the caller's role themselves (one rule for both) — org admins manage their organisation's users,
/// everyone their own API keys (org admins their organisation's), the secretariat and node admins organisations, the
/// owner organisation's admins its sharing groups. What the caller may not manage answers not-found or forbidden,
/// as the API does. A caller who still has to change a one-time password may do nothing here.
/// </summary>
public interface IAccessManagement
{
    Task<Result<IReadOnlyList<UserSummary>>> ListUsersAsync(ClaimsPrincipal caller, Guid? organisationId, CancellationToken cancellationToken);

    /// <summary>Without a password in <paramref name="user"/>, a one-time password is generated and returned once.</summary>
    Task<Result<CreatedUser>> CreateUserAsync(ClaimsPrincipal caller, NewUser user, CancellationToken cancellationToken);

    Task<Result<UserSummary>> SetUserDisabledAsync(ClaimsPrincipal caller, Guid userId, bool disabled, CancellationToken cancellationToken);

    Task<Result<UserSummary>> SetUserRoleAsync(ClaimsPrincipal caller, Guid userId, Role role, CancellationToken cancellationToken);

    /// <summary>A new one-time password (returned once); clears a lockout and ends the user's sessions.</summary>
    Task<Result<string>> ResetPasswordAsync(ClaimsPrincipal caller, Guid userId, CancellationToken cancellationToken);

    Task<Result<IReadOnlyList<ApiKeySummary>>> ListApiKeysAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>A key for the caller themself (a user session; a key cannot mint keys). The secret is in the answer only.</summary>
    Task<Result<CreatedApiKey>> CreateApiKeyAsync(ClaimsPrincipal caller, string? name, Role? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    Task<Result<ApiKeySummary>> RevokeApiKeyAsync(ClaimsPrincipal caller, Guid keyId, CancellationToken cancellationToken);

    /// <summary>Secretariat and node admins.</summary>
    Task<Result<OrganisationInfo>> CreateOrganisationAsync(ClaimsPrincipal caller, NewOrganisation organisation, CancellationToken cancellationToken);

    /// <summary>Secretariat and node admins; an unknown organisation is not-found.</summary>
    Task<Result<OrganisationInfo>> UpdateOrganisationAsync(ClaimsPrincipal caller, Guid organisationId, OrganisationChanges changes, CancellationToken cancellationToken);

    /// <summary>The groups the caller's organisation is in (node admins: all).</summary>
    Task<Result<IReadOnlyList<SharingGroupInfo>>> ListSharingGroupsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>Org admins for their organisation; node admins for any (<see cref="NewSharingGroup.OwnerOrgId"/>).</summary>
    Task<Result<SharingGroupInfo>> CreateSharingGroupAsync(ClaimsPrincipal caller, NewSharingGroup group, CancellationToken cancellationToken);

    /// <summary>A group the caller's organisation is in (node admins: any); others are not-found.</summary>
    Task<Result<SharingGroupInfo>> GetSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> RenameSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, string? name, CancellationToken cancellationToken);

    /// <summary>Refused as a conflict (<c>sharing-group-in-use</c>) while records are still shared into the group.</summary>
    Task<Result<SharingGroupInfo>> DeleteSharingGroupAsync(ClaimsPrincipal caller, Guid groupId, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> AddGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> RemoveGroupMemberAsync(ClaimsPrincipal caller, Guid groupId, Guid organisationId, CancellationToken cancellationToken);

    /// <summary>Node admins: the registered peer nodes (never their keys).</summary>
    Task<Result<IReadOnlyList<PeerNodeInfo>>> ListPeerNodesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>Node admins, signed in (a key cannot mint credentials): registers a peer; its key is in the answer only.</summary>
    Task<Result<CreatedPeerNode>> CreatePeerNodeAsync(ClaimsPrincipal caller, string? name, CancellationToken cancellationToken);

    /// <summary>Node admins: revokes a peer; its key stops working at once.</summary>
    Task<Result<PeerNodeInfo>> RevokePeerNodeAsync(ClaimsPrincipal caller, Guid peerId, CancellationToken cancellationToken);
}
