using Concord.Platform;
using Concord.Stix;

namespace Concord.Access;

/// <summary>A new member organisation. <paramref name="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record NewOrganisation(
    string Name,
    string Country,
    OrganisationType Type,
    string? Sector = null,
    Tlp DefaultTlp = Tlp.Amber);

/// <summary>
/// Changes to an organisation's details; a null field stays as it is, an empty <paramref name="Sector"/> clears it.
/// The same rules as for a new organisation apply to the result (name unique regardless of case, ISO country code).
/// </summary>
public sealed record OrganisationChanges(
    string? Name = null,
    string? Country = null,
    OrganisationType? Type = null,
    string? Sector = null,
    Tlp? DefaultTlp = null);

/// <summary>
/// A new user. Without <paramref name="Password"/> a strong one-time password is generated and the user must change
/// it at first login; <paramref name="MustChangePassword"/> overrides that default. Only a node admin may be without
/// an organisation.
/// </summary>
public sealed record NewUser(
    string UserName,
    Guid? OrganisationId,
    Role Role,
    string? Email = null,
    string? Password = null,
    bool? MustChangePassword = null);

/// <summary>A created user; <paramref name="OneTimePassword"/> is the generated password, shown this once (null when one was given).</summary>
public sealed record CreatedUser(Guid Id, string UserName, Guid? OrganisationId, Role Role, string? OneTimePassword);

/// <summary>
/// A new API key for the user <paramref name="UserName"/> (and that user's organisation). <paramref name="Role"/> defaults
/// to the user's role and may not exceed it; <paramref name="ExpiresAt"/> defaults to 90 days from now.
/// </summary>
public sealed record NewApiKey(string UserName, string Name, Role? Role = null, DateTimeOffset? ExpiresAt = null);

/// <summary>A created API key. <paramref name="Key"/> is the secret, shown this once; only its hash is stored.</summary>
public sealed record CreatedApiKey(Guid Id, Guid OrganisationId, string Name, string Prefix, Role Role, DateTimeOffset ExpiresAt, string Key);

/// <summary>A new sharing group owned by <paramref name="OwnerOrgId"/>, which is always a member.</summary>
public sealed record NewSharingGroup(Guid OwnerOrgId, string Name, IReadOnlyCollection<Guid>? MemberOrgIds = null);

/// <summary>A sharing group; its id is the audience id records shared into it carry.</summary>
public sealed record SharingGroupInfo(Guid Id, string Name, Guid OwnerOrgId, IReadOnlyList<Guid> MemberOrgIds);

/// <summary>
/// Administration of the node's organisations, users, keys and groups for in-process callers that act as the node
/// itself (the CLI <c>admin</c> verb, the demo, tests). HTTP callers go through the REST API, which checks roles.
/// </summary>
public interface IAccessAdmin
{
    Task<Result<OrganisationInfo>> CreateOrganisationAsync(NewOrganisation organisation, CancellationToken cancellationToken);

    /// <summary>Changes an organisation's name, country, type, sector or default TLP; an unknown id is not-found.</summary>
    Task<Result<OrganisationInfo>> UpdateOrganisationAsync(Guid organisationId, OrganisationChanges changes, CancellationToken cancellationToken);

    Task<Result<CreatedUser>> CreateUserAsync(NewUser user, CancellationToken cancellationToken);

    Task<Result<CreatedApiKey>> CreateApiKeyAsync(NewApiKey key, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> CreateSharingGroupAsync(NewSharingGroup group, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> AddGroupMemberAsync(Guid groupId, Guid organisationId, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> RemoveGroupMemberAsync(Guid groupId, Guid organisationId, CancellationToken cancellationToken);

    Task<Result<SharingGroupInfo>> RenameSharingGroupAsync(Guid groupId, string name, CancellationToken cancellationToken);

    /// <summary>Refused as a conflict (<c>sharing-group-in-use</c>) while records are still shared into the group.</summary>
    Task<Result<SharingGroupInfo>> DeleteSharingGroupAsync(Guid groupId, CancellationToken cancellationToken);

    /// <summary>Sets a new generated one-time password (returned once), clears any lockout, signs the user out everywhere.</summary>
    Task<Result<string>> ResetPasswordAsync(string userName, CancellationToken cancellationToken);

    /// <summary>
    /// On a node without users, creates the node admin <c>admin</c> (in <paramref name="organisationId"/>, or without an
    /// organisation) with a one-time password it must change, and returns that password; null when users exist.
    /// </summary>
    Task<string?> EnsureNodeAdminAsync(Guid? organisationId, CancellationToken cancellationToken);

    Task<bool> HasAnyUserAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The local organisation standing for one hosted on another node (federation): found by its home node and id there,
    /// created on first sight, its name, country, type and sector kept up to date. Its local name is namespaced by the
    /// home node. It never has users or API keys here.
    /// </summary>
    Task<Result<OrganisationInfo>> EnsureFederatedOrganisationAsync(FederatedOrganisation organisation, CancellationToken cancellationToken);

    /// <summary>Registers a connected node; the returned key authenticates it as a <see cref="PrincipalKind.PeerNode"/>.</summary>
    Task<Result<CreatedPeerNode>> CreatePeerNodeAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<PeerNodeInfo>> ListPeerNodesAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a peer node by name or id: its key stops working at once.</summary>
    Task<Result<PeerNodeInfo>> RevokePeerNodeAsync(string nameOrId, CancellationToken cancellationToken);

    /// <summary>
    /// Says which node a peer node's credential belongs to (its federation id, as the node at the address its admin gave
    /// answered): from then on the peer also reads what was shared with recipients (or a sharing group) that name an
    /// organisation that node hosts, up to TLP:AMBER+STRICT — never RED.
    /// </summary>
    Task<Result<bool>> BindPeerNodeAsync(Guid peerNodeId, Guid homeNodeId, CancellationToken cancellationToken);
}
