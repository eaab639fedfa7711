using System.Security.Claims;
using Concord.Access.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Authentication;

/// <remarks>
/// An organisation's audiences are read from the store on every request, not cached: a sharing-group change made by
/// another process on the same store (the command line, a second node process) must apply to the very next read, and
/// a cache would need that same read to know it is stale (one indexed query either way).
/// </remarks>
internal sealed class PrincipalResolver(AccessDbContext db) : IPrincipalResolver
{
    public async ValueTask<Principal> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Fail closed: no Concord identity, or a one-time password still to change, reads as anonymous.
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(AccessClaims.Kind) is null
            || user.HasClaim(c => c.Type == AccessClaims.MustChangePassword))
        {
            return Principal.Anonymous;
        }

        if (AccessClaims.IsPeerNode(user))
        {
            return new Principal(PrincipalKind.PeerNode, null, await PeerAudiencesAsync(user, cancellationToken), Role.ReadOnly, user.FindFirstValue(AccessClaims.Name) ?? "");
        }

        var caller = Caller.From(user);
        return await BuildAsync(caller.OrganisationId, caller.Role, user.FindFirstValue(AccessClaims.Name) ?? "", cancellationToken);
    }

    public ValueTask<Principal> ForOrganisationAsync(Guid organisationId, Role role, string name, CancellationToken cancellationToken) =>
        BuildAsync(organisationId, role, name, cancellationToken);

    /// <summary>
    /// A peer node's audiences: the recipient lists and sharing groups that name an organisation its node hosts (once the
    /// credential is bound to that node); none before.
    /// </summary>
    private async Task<IReadOnlySet<Guid>> PeerAudiencesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(user.FindFirstValue(AccessClaims.Subject), out var peerId))
        {
            return new HashSet<Guid>();
        }

        var node = await db.PeerNodes.AsNoTracking().Where(p => p.Id == peerId).Select(p => p.HomeNodeId).FirstOrDefaultAsync(cancellationToken);
        if (node is null)
        {
            return new HashSet<Guid>();
        }

        return (await db.AudienceMembers.AsNoTracking()
            .Where(m => db.Organisations.Any(o => o.Id == m.OrganisationId && o.HomeNodeId == node))
            .Select(m => m.AudienceId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }

    private async ValueTask<Principal> BuildAsync(Guid? organisationId, Role role, string name, CancellationToken cancellationToken)
    {
        IReadOnlySet<Guid> audienceIds = organisationId is { } org
            ? (await db.AudienceMembers.AsNoTracking().Where(m => m.OrganisationId == org).Select(m => m.AudienceId).ToListAsync(cancellationToken)).ToHashSet()
            : new HashSet<Guid>();
        return new Principal(PrincipalKind.Member, organisationId, audienceIds, role, name);
    }
}
