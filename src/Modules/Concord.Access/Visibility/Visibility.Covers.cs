using Concord.Stix;

namespace Concord.Access;

public static partial class Visibility
{
    /// <summary>
    /// Whether everyone who may read <paramref name="wider"/> may also read <paramref name="narrower"/> — for every
    /// membership the audiences (sharing groups, recipient lists) may have now or later. A value derived from a
    /// record and shown with another (a sighting moving an indicator's score) may only be derived when this holds:
    /// otherwise a reader of the indicator would learn something of a record it may not read.
    /// </summary>
    /// <remarks>
    /// Audience memberships change, so the answer may not depend on them: an organisation reading
    /// <paramref name="wider"/> through its audience is only guaranteed to read <paramref name="narrower"/> through the
    /// same audience, and the owner of <paramref name="wider"/> only as the owner of <paramref name="narrower"/>.
    /// It is the rule of <see cref="Filter{T}"/>, restated per reader class; the unit tests check it against
    /// <see cref="MayRead"/> over every owner, TLP, scope, audience and membership.
    /// </remarks>
    public static bool Covers(IShareable wider, IShareable narrower)
    {
        ArgumentNullException.ThrowIfNull(wider);
        ArgumentNullException.ThrowIfNull(narrower);
        if (EveryoneReads(wider) && !EveryoneReads(narrower))
        {
            return false;
        }

        if (PeersRead(wider) && !PeersRead(narrower))
        {
            return false;
        }

        if (EveryMemberReads(narrower))
        {
            return true;
        }

        if (EveryMemberReads(wider) || wider.OwnerOrgId != narrower.OwnerOrgId)
        {
            return false;
        }

        return AudienceReads(wider) is not { } audience || AudienceReads(narrower) == audience;
    }

    private static bool EveryoneReads(IShareable r) => r.Scope == Scope.Public && r.Tlp <= Tlp.Clear;

    private static bool PeersRead(IShareable r) => EveryoneReads(r) || (r.Scope >= Scope.ConnectedNodes && r.Tlp <= Tlp.Green);

    private static bool EveryMemberReads(IShareable r) => EveryoneReads(r) || (r.Scope >= Scope.Alliance && r.Tlp <= Tlp.Green);

    /// <summary>The audience whose members read the record (besides its owner), as <see cref="Filter{T}"/> grants it.</summary>
    private static Guid? AudienceReads(IShareable r) =>
        r.Scope == Scope.Recipients || (r.Scope == Scope.SharingGroup && r.Tlp <= Tlp.AmberStrict) ? r.AudienceId : null;
}
