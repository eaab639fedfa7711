using System.Linq.Expressions;
using Concord.Access;
using Concord.Incidents.Data;

namespace Concord.Incidents.Features.Contributions;

/// <summary>
/// Who reads an assistance request. The rule, in full:
/// <list type="number">
/// <item>Its requester's organisation and its receiving organisation always read it (the receiver is asked whether or
/// not the case is shared with it: asking shares the request, never the case; a requester the owner later removes from
/// the case keeps its requests, as it keeps what it wrote).</item>
/// <item>Anyone else reads it only while it may read the case (the visibility door: the owner and the current
/// participants), as any contribution to the case at the case's own marking.</item>
/// </list>
/// Nobody else: not the secretariat (the alliance view gives it figures and who-asked-whom lines, never a request's text
/// or case), not a member outside the case.
/// </summary>
internal static class RequestRule
{
    /// <summary>The rule as a query filter, given the cases (of the rows queried) the reader may read.</summary>
    public static Expression<Func<RequestRow, bool>> For(Principal reader, IReadOnlyCollection<Guid> readableCases)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.Kind != PrincipalKind.Member || reader.OrganisationId is not { } org)
        {
            return r => false;
        }

        var cases = readableCases.ToList();
        return r => r.RequesterOrgId == org || r.ReceiverOrgId == org || cases.Contains(r.CaseId);
    }
}
