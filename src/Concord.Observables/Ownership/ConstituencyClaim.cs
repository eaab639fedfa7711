namespace Concord.Observables.Ownership;

/// <summary>
/// One entry of a team's constituency: an IP network (or address), a domain with everything under it, or an AS number,
/// claimed by <see cref="Owner"/>. The value is an <see cref="Observable"/>, so it is canonical before it is indexed.
/// </summary>
public readonly record struct ConstituencyClaim(Guid Owner, Observable Value)
{
    /// <summary>True for the kinds a constituency is made of: networks and addresses, domains, AS numbers.</summary>
    public static bool IsClaimable(ObservableKind kind) => kind is ObservableKind.Ipv4Address or ObservableKind.Ipv4Network
        or ObservableKind.Ipv6Address or ObservableKind.Ipv6Network or ObservableKind.Domain or ObservableKind.AutonomousSystem;
}

/// <summary>How a claim answers a query.</summary>
public enum ConstituencyRelation
{
    /// <summary>The claim contains the whole value (a network around the address, a parent domain, the same AS).</summary>
    Covers,

    /// <summary>The claim lies inside the queried network or domain: part of it is delegated to this owner.</summary>
    Within,
}

/// <summary>
/// One answer to "whose is this?". <see cref="Primary"/> marks the most specific covering claim(s): the team to call.
/// Less specific covering claims follow (a national CERT around a sectoral team's range), then claims within.
/// </summary>
/// <param name="Specificity">Prefix length in the family's own terms, or the number of domain labels; an AS is exact.</param>
public sealed record ConstituencyMatch(Guid Owner, Observable Claim, ConstituencyRelation Relation, int Specificity, bool Primary);
