using System.Security.Claims;

namespace Concord.Access;

/// <summary>Turns an authenticated (or anonymous) HTTP user into the <see cref="Principal"/> reads are filtered for.</summary>
public interface IPrincipalResolver
{
    ValueTask<Principal> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// The principal of a member of <paramref name="organisationId"/> with <paramref name="role"/>, for in-process
    /// callers that act for an organisation without an HTTP request (CLI import/export, demo). Its audiences are the
    /// organisation's sharing groups and recipient lists, exactly as for that organisation's users.
    /// </summary>
    ValueTask<Principal> ForOrganisationAsync(Guid organisationId, Role role, string name, CancellationToken cancellationToken);
}
