using System.Security.Claims;
using Concord.Access.Data;
using Concord.Platform.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

/// <summary>
/// Browser sessions kept on the server (<see cref="AccessSession"/>): the cookie carries the session's id and is
/// honoured only while its row exists and was seen within the session lifetime.
/// </summary>
internal sealed class SessionStore(AccessDbContext db, TimeProvider time, IOptions<AccessOptions> options, IAuditTrail audit)
{
    private static readonly TimeSpan TouchResolution = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for <paramref name="user"/> and sets its cookie; returns the principal it carries.</summary>
    public async Task<ClaimsPrincipal> SignInAsync(HttpContext http, AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var expired = (now - options.Value.SessionLifetime).ToUnixTimeMilliseconds();
        await db.Sessions.Where(s => s.LastSeenMs < expired).ExecuteDeleteAsync(http.RequestAborted);
        var session = new AccessSession { Id = Guid.NewGuid(), UserId = user.Id, CreatedAt = now, LastSeenMs = now.ToUnixTimeMilliseconds() };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        db.Entry(session).State = EntityState.Detached;
        var principal = await IssueAsync(http, user, session.Id);

        // The request's own user is still the anonymous one that signed in: the actor is the user it became.
        var actor = Features.Audit.AuditTrail.FromRequest(http)! with { Kind = AuditActor.User, Id = user.Id, OrganisationId = user.OrganisationId };
        await audit.RecordAsync(new AuditEvent(AccessAuditActions.SignIn, "user", user.Id.ToString(), user.OrganisationId), actor, http.RequestAborted);
        return principal;
    }

    /// <summary>
    /// After the user's security stamp changed in this session (own password, authenticator): this session goes on with
    /// a fresh cookie, every other session of the user ends.
    /// </summary>
    public async Task RenewAsync(HttpContext http, AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var current = SessionOf(http.User);
        await db.Sessions.Where(s => s.UserId == user.Id && s.Id != current).ExecuteDeleteAsync(http.RequestAborted);
        if (current is { } sid && http.User.Identity?.AuthenticationType == AccessSchemes.Cookie)
        {
            await IssueAsync(http, user, sid);
        }
    }

    /// <summary>Ends this request's session on the server and clears its cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await http.AuthenticateAsync(AccessSchemes.Cookie);
        if (SessionOf(result.Principal) is { } sid)
        {
            await db.Sessions.Where(s => s.Id == sid).ExecuteDeleteAsync(http.RequestAborted);
            await audit.RecordAsync(new AuditEvent(AccessAuditActions.SignOut), http.RequestAborted);
        }

        await http.SignOutAsync(AccessSchemes.Cookie);
    }

    /// <summary>Ends every session of the user (password reset, role change, disabling).</summary>
    public Task EndAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Whether the cookie's session is still open; touches it at most once a minute.</summary>
    public async Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastSeen = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => (long?)s.LastSeenMs).FirstOrDefaultAsync(cancellationToken);
        if (lastSeen is not { } seen || now - DateTimeOffset.FromUnixTimeMilliseconds(seen) >= options.Value.SessionLifetime)
        {
            return false;
        }

        if (now - DateTimeOffset.FromUnixTimeMilliseconds(seen) >= TouchResolution)
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenMs, nowMs), cancellationToken);
        }

        return true;
    }

    public static Guid? SessionOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(AccessClaims.Session), out var sid) ? sid : null;

    private static async Task<ClaimsPrincipal> IssueAsync(HttpContext http, AccessUser user, Guid sessionId)
    {
        var principal = new ClaimsPrincipal(AccessClaims.ForUser(user, AccessSchemes.Cookie, sessionId));
        await http.SignInAsync(AccessSchemes.Cookie, principal);
        return principal;
    }
}
