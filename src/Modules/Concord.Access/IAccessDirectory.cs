using System.Security.Claims;
using Concord.Platform;
using Concord.Stix;

namespace Concord.Access;

/// <summary>The kinds of organisation an alliance admits.</summary>
public enum OrganisationType
{
    GovernmentAgency,
    PublicBody,
    NonProfit,
    PrivatePartner,
}

/// <summary>What other modules may know about an organisation. <see cref="Home"/> is null for one hosted on this node.</summary>
public sealed record OrganisationInfo(
    Guid Id,
    string Name,
    string Country,
    OrganisationType Type,
    string? Sector,
    Tlp DefaultTlp,
    OrganisationHome? Home = null)
{
    /// <summary>Hosted on another node and known here through federation: it has no users here.</summary>
    public bool IsFederated => Home is not null;
}

/// <summary>
/// Where a federated organisation lives: its home node (the node's own id and name) and its id there. Its local name is
/// namespaced by the home node ("CERT-FI (node-fi)").
/// </summary>
public sealed record OrganisationHome(Guid NodeId, string NodeName, Guid RemoteId);

/// <summary>An organisation hosted on another node, as that node describes it.</summary>
public sealed record FederatedOrganisation(Guid HomeNodeId, string HomeNodeName, Guid RemoteId, string Name, string Country, OrganisationType Type, string? Sector);

/// <summary>
/// A member of an organisation as the node's own services may address them (notifications): the user id, the
/// organisation, the role and the e-mail address. Personal data: it never leaves the node and never goes in the audit trail.
/// </summary>
public sealed record MemberContact(Guid UserId, Guid? OrganisationId, Role Role, string UserName, string? Email);

/// <summary>
/// The organisations an audience names: a sharing group's members (with its name), or a recipient list — the named
/// recipients and the owner that shared with them.
/// </summary>
public sealed record AudienceInfo(Guid Id, bool IsSharingGroup, string? Name, IReadOnlyList<Guid> Members);

/// <summary>
/// The Access module's public contract for other modules: organisations and audiences. A sharing group's id
/// is its audience id; a named recipient list becomes an audience too (the same set of organisations always
/// maps to the same audience), so records carry one audience id whatever their scope.
/// </summary>
public interface IAccessDirectory
{
    Task<OrganisationInfo?> FindOrganisationAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrganisationInfo>> ListOrganisationsAsync(CancellationToken cancellationToken);

    /// <summary>The audience for "the owner plus these recipients"; an unknown organisation is a validation error.</summary>
    Task<Result<Guid>> ResolveRecipientsAsync(Guid ownerOrgId, IReadOnlyCollection<Guid> recipientOrgIds, CancellationToken cancellationToken);

    /// <summary>The audience of a sharing group the owner belongs to; otherwise a validation error.</summary>
    Task<Result<Guid>> ResolveSharingGroupAsync(Guid ownerOrgId, Guid sharingGroupId, CancellationToken cancellationToken);

    /// <summary>
    /// An audience's organisations, or null for an unknown id. This answers anyone: the caller decides who may be shown
    /// it (a record's recipients only to readers who are its owner or in its audience).
    /// </summary>
    Task<AudienceInfo?> FindAudienceAsync(Guid audienceId, CancellationToken cancellationToken);

    /// <summary>The enabled accounts of an organisation with at least <paramref name="minimumRole"/> (node admins: pass null).</summary>
    Task<IReadOnlyList<MemberContact>> ListMembersAsync(Guid? organisationId, Role minimumRole, CancellationToken cancellationToken);

    /// <summary>An enabled account, or null.</summary>
    Task<MemberContact?> FindMemberAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The account behind an authenticated request: the signed-in user, or the user who created the API key in use.
    /// Null for anonymous callers, peer nodes and the node itself.
    /// </summary>
    Guid? UserIdOf(ClaimsPrincipal user);
}
