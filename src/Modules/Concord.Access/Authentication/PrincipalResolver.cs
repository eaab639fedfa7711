using System.Security.Claims;
using Concord.Access.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Authentication;

internal sealed class PrincipalResolver(AccessDbContext db, AudienceCache audiences) : IPrincipalResolver
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
            return new Principal(PrincipalKind.PeerNode, null, new HashSet<Guid>(), Role.ReadOnly, user.FindFirstValue(AccessClaims.Name) ?? "");
        }

        var caller = Caller.From(user);
        return await BuildAsync(caller.OrganisationId, caller.Role, user.FindFirstValue(AccessClaims.Name) ?? "", cancellationToken);
    }

    public ValueTask<Principal> ForOrganisationAsync(Guid organisationId, Role role, string name, CancellationToken cancellationToken) =>
        BuildAsync(organisationId, role, name, cancellationToken);

    private async ValueTask<Principal> BuildAsync(Guid? organisationId, Role role, string name, CancellationToken cancellationToken)
    {
        IReadOnlySet<Guid> audienceIds = organisationId is { } org
            ? await audiences.GetAsync(org, ct => db.AudienceMembers.AsNoTracking()
                .Where(m => m.OrganisationId == org).Select(m => m.AudienceId).ToListAsync(ct), cancellationToken)
            : new HashSet<Guid>();
        return new Principal(PrincipalKind.Member, organisationId, audienceIds, role, name);
    }
}
