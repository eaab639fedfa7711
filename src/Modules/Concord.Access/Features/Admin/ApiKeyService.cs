using Concord.Access.Authentication;
using Concord.Access.Data;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Concord.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concord.Access.Features.Admin;

/// <summary>A key with the plaintext secret, which exists only in the answer to its creation.</summary>
internal sealed record IssuedApiKey(ApiKey ApiKey, string Key);

/// <summary>
/// API keys belong to the user who created them and to that user's organisation. A user sees and revokes their own
/// keys; an org admin those of the organisation; a node admin all. Keys the caller may not manage answer 404.
/// </summary>
internal sealed class ApiKeyService(AccessDbContext db, TimeProvider time, IOptions<AccessOptions> options, ILogger<ApiKeyService> logger, IAuditTrail audit)
{
    /// <summary>A key for <paramref name="userId"/>: a signed-in user's own, or any user's for the node itself (CLI).</summary>
    public Task<Result<IssuedApiKey>> CreateAsync(Caller caller, Guid userId, string? name, Role? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        CreateCoreAsync(caller, userId, name, role, expiresAt, cancellationToken).AuditedAsync(audit, k => new AuditEvent("api-key.create", "api-key", k.ApiKey.Id.ToString(), k.ApiKey.OrganisationId, $"role {k.ApiKey.Role}"), cancellationToken);

    private async Task<Result<IssuedApiKey>> CreateCoreAsync(Caller caller, Guid userId, string? name, Role? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.CreateApiKey) is { } denied)
        {
            return denied;
        }

        // A key cannot mint keys: a leaked key must not be able to outlive its own revocation.
        if (!caller.IsSystem && (!caller.IsUserSession || caller.UserId != userId))
        {
            return new Error(ErrorKind.Forbidden, "user-session-required", "API keys are created by a signed-in user, not by another key.");
        }

        if (Rules.Text(name, "name", 100) is { } invalid)
        {
            return invalid;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.Disabled)
        {
            return Error.NotFound("The user");
        }

        if (user.OrganisationId is not { } org)
        {
            return Error.Validation("organisationId", "organisation-required",
                "API keys speak for an organisation; this user belongs to none.");
        }

        var keyRole = role ?? user.Role;
        if (!Enum.IsDefined(keyRole))
        {
            return Error.Validation("role", "enum", $"'role' must be one of: {AccessNames.Roles}.");
        }

        if (keyRole > user.Role)
        {
            return Rules.RoleAboveOwn();
        }

        var now = time.GetUtcNow();
        var expires = expiresAt?.ToUniversalTime() ?? now.AddDays(options.Value.ApiKeyDefaultLifetimeDays);
        if (expires <= now || expires > now.AddDays(options.Value.ApiKeyMaxLifetimeDays))
        {
            return Error.Validation("expiresAt", "expiry-range",
                $"'expiresAt' must be in the future and at most {options.Value.ApiKeyMaxLifetimeDays} days away.");
        }

        var (prefix, secret, key) = ApiKeyFormat.Generate();
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = org,
            CreatedByUserId = user.Id,
            Name = name!.Trim(),
            Prefix = prefix,
            SecretHash = ApiKeyFormat.Hash(secret),
            Role = keyRole,
            CreatedAt = now,
            ExpiresAt = expires,
        };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        Log.AdminAction(logger, "created API key", $"{apiKey.Id} ({prefix})", $"user {user.Id}");
        return new IssuedApiKey(apiKey, key);
    }

    public async Task<Result<List<ApiKey>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.ListApiKeys) is { } denied)
        {
            return denied;
        }

        var query = db.ApiKeys.AsNoTracking();
        if (!caller.IsNodeAdmin)
        {
            query = caller.Role >= Role.OrgAdmin && caller.OrganisationId is { } org
                ? query.Where(k => k.OrganisationId == org)
                : query.Where(k => k.CreatedByUserId == caller.UserId);
        }

        // Ordered in memory: SQLite cannot order by DateTimeOffset, and a caller's key list is small.
        return (await query.ToListAsync(cancellationToken)).OrderByDescending(k => k.CreatedAt).ToList();
    }

    public async Task<Result<ApiKey>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.GetApiKey) is { } denied)
        {
            return denied;
        }

        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        var visible = key is not null
            && (caller.IsNodeAdmin || key.CreatedByUserId == caller.UserId
                || (caller.Role >= Role.OrgAdmin && key.OrganisationId == caller.OrganisationId));
        return visible ? key! : Error.NotFound("The API key");
    }

    public Task<Result<ApiKey>> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        RevokeCoreAsync(caller, id, cancellationToken).AuditedAsync(audit, k => new AuditEvent("api-key.revoke", "api-key", k.Id.ToString(), k.OrganisationId), cancellationToken);

    private async Task<Result<ApiKey>> RevokeCoreAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (AdminRules.Check(caller, AdminOperation.RevokeApiKey) is { } denied)
        {
            return denied;
        }

        var found = await GetAsync(caller, id, cancellationToken);
        if (found.IsSuccess && found.Value!.RevokedAt is null)
        {
            found.Value.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            Log.AdminAction(logger, "revoked API key", $"{id} ({found.Value.Prefix})", caller.Describe());
        }

        return found;
    }
}
