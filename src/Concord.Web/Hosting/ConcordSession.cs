using System.Security.Claims;
using Concord.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Concord.Web.Hosting;

/// <summary>
/// Who is looking at a page, in server rendering and in interactive circuits alike: the signed-in user and the
/// <see cref="Principal"/> every read is filtered for.
/// </summary>
public sealed class ConcordSession(AuthenticationStateProvider authentication, IPrincipalResolver principals)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>The principal for <see cref="Visibility"/>: anonymous unless signed in with a password that needs no change.</summary>
    public async Task<Principal> PrincipalAsync(CancellationToken cancellationToken) =>
        await principals.ResolveAsync(await UserAsync(), cancellationToken);
}
