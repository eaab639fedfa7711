using System.Security.Claims;

namespace Concord.Access;

/// <summary>Turns an authenticated (or anonymous) HTTP user into the <see cref="Principal"/> reads are filtered for.</summary>
public interface IPrincipalResolver
{
    ValueTask<Principal> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
