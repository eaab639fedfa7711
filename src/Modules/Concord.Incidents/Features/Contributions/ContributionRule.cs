using System.Linq.Expressions;
using Concord.Access;
using Concord.Incidents.Data;
using Concord.Stix;

namespace Concord.Incidents.Features.Contributions;

/// <summary>
/// Who reads a contribution (a comment, timeline entry, task, attachment or observable) of a case. The rule, in full:
/// <list type="number">
/// <item>Its author's organisation always reads it: a participant the owner later removes from the case keeps what it
/// wrote (and nothing else of the case), and a withdrawn contribution is still its author's.</item>
/// <item>A withdrawn contribution is read by nobody else.</item>
/// <item>Anyone else reads it only while it may read the case (the visibility door: the owner and the current
/// participants). So the remaining participants keep what a removed participant wrote, unless its author withdraws it;
/// and a participant added later reads the case's history as the others do — a contribution at AMBER+STRICT or below is
/// addressed to the case, whoever the owner shares it with.</item>
/// <item>A TLP:RED contribution is read, beyond its author, only by the organisations it names (its recipient list), and
/// by them only while they may read the case: not the other participants, not even the case's owner unless named. On a
/// RED case, a contribution that takes the case's TLP without naming anyone names the organisations in the case when it
/// is written.</item>
/// </list>
/// Nothing here widens a case: a reader who may not read the case sees at most its own contributions.
/// </summary>
internal static class ContributionRule
{
    /// <summary>The rule for one case, as a query filter, given whether <paramref name="reader"/> may read the case itself.</summary>
    public static Expression<Func<ContributionRow, bool>> For(Principal reader, bool mayReadCase)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.Kind != PrincipalKind.Member || reader.OrganisationId is not { } org)
        {
            return c => false;
        }

        if (!mayReadCase)
        {
            return c => c.AuthorOrgId == org;
        }

        var audiences = reader.AudienceIds.Select(id => (Guid?)id).ToList();
        return c => c.AuthorOrgId == org || (!c.Withdrawn && (c.Tlp != Tlp.Red || audiences.Contains(c.AudienceId)));
    }

    /// <summary>The same rule over contributions of several cases, each of which the reader may read (lists and counts).</summary>
    public static Expression<Func<ContributionRow, bool>> ForReadableCases(Principal reader, IReadOnlyCollection<Guid> readableCases)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.Kind != PrincipalKind.Member || reader.OrganisationId is not { } org)
        {
            return c => false;
        }

        var cases = readableCases.ToList();
        var audiences = reader.AudienceIds.Select(id => (Guid?)id).ToList();
        return c => cases.Contains(c.CaseId) && (c.AuthorOrgId == org || (!c.Withdrawn && (c.Tlp != Tlp.Red || audiences.Contains(c.AudienceId))));
    }
}
