namespace Concord.Access;

/// <summary>What kind of party is asking.</summary>
public enum PrincipalKind
{
    /// <summary>Nobody authenticated: may read <see cref="Scope.Public"/> records only.</summary>
    Anonymous,

    /// <summary>A user or API key of a member organisation on this node.</summary>
    Member,

    /// <summary>A connected node; it reads what was shared to connected nodes (and public), never more.</summary>
    PeerNode,
}

/// <summary>
/// The party a read is answered for, as the visibility component sees it: the organisation it speaks for
/// and the audiences (sharing groups and recipient lists) that organisation belongs to.
/// </summary>
public sealed record Principal(
    PrincipalKind Kind,
    Guid? OrganisationId,
    IReadOnlySet<Guid> AudienceIds,
    Role Role,
    string Name)
{
    public static Principal Anonymous { get; } = new(PrincipalKind.Anonymous, null, new HashSet<Guid>(), Role.ReadOnly, "anonymous");

    public bool IsAuthenticated => Kind != PrincipalKind.Anonymous;

    public bool HasRole(Role role) => Kind == PrincipalKind.Member && Role >= role;
}
