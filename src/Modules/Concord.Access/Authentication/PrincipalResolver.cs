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

        var caller = Caller.From(user);
        IReadOnlySet<Guid> audienceIds = caller.OrganisationId is { } org
            ? await audiences.GetAsync(org, ct => db.AudienceMembers.AsNoTracking()
                .Where(m => m.OrganisationId == org).Select(m => m.AudienceId).ToListAsync(ct), cancellationToken)
            : new HashSet<Guid>();
        return new Principal(PrincipalKind.Member, caller.OrganisationId, audienceIds, caller.Role,
            user.FindFirstValue(AccessClaims.Name) ?? "");
    }
}
