using System.Security.Claims;
using Concord.Access.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.Access.Authentication;

/// <summary>
/// Checks an API key (for Bearer and for Basic with the key as password) and builds its identity. Peer nodes' keys
/// share the format, so the same schemes accept them; the prefix says which table holds the key.
/// </summary>
internal sealed class ApiKeyAuthenticator(AccessDbContext db, TimeProvider time)
{
    /// <summary>Writing last-used on every request would turn reads into writes; once a minute is precise enough.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ClaimsIdentity?> AuthenticateAsync(string key, string scheme, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(key, out var prefix, out var secret))
        {
            return null;
        }

        var found = await (
            from k in db.ApiKeys.AsNoTracking()
            join u in db.Users.AsNoTracking() on k.CreatedByUserId equals u.Id
            where k.Prefix == prefix
            select new { Key = k, u.Disabled, UserOrganisationId = u.OrganisationId, UserRole = u.Role })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return await PeerNodeAsync(prefix, secret, scheme, cancellationToken);
        }

        var now = time.GetUtcNow();
        var apiKey = found.Key;

        // The secret is compared in constant time; the other checks only run for a matching secret.
        if (!ApiKeyFormat.Matches(secret, apiKey.SecretHash) || apiKey.RevokedAt is not null || now >= apiKey.ExpiresAt
            || found.Disabled || found.UserOrganisationId != apiKey.OrganisationId)
        {
            return null;
        }

        // A key never outranks the user behind it, even if that user was demoted after creating it.
        apiKey.Role = (Role)Math.Min((int)apiKey.Role, (int)found.UserRole);
        if (apiKey.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == apiKey.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return AccessClaims.ForApiKey(apiKey, scheme);
    }

    private async Task<ClaimsIdentity?> PeerNodeAsync(string prefix, string secret, string scheme, CancellationToken cancellationToken)
    {
        var peer = await db.PeerNodes.AsNoTracking().FirstOrDefaultAsync(p => p.Prefix == prefix, cancellationToken);
        if (peer is null || !ApiKeyFormat.Matches(secret, peer.SecretHash) || peer.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (peer.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.PeerNodes.Where(p => p.Id == peer.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedAt, now), cancellationToken);
        }

        return AccessClaims.ForPeerNode(peer, scheme);
    }
}
