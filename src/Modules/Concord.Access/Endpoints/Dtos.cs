using Concord.Access.Data;
using Concord.Access.Features.Validation;

namespace Concord.Access.Endpoints;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who the caller is: a user (cookie/Basic) or an API key.</summary>
public sealed record MeResponse(
    Guid Id, string Kind, string Name, Guid? UserId, Guid? OrganisationId, string? OrganisationName, string Role, bool MustChangePassword);

public sealed record OrganisationRequest(string? Name, string? Country, string? Type, string? Sector, string? DefaultTlp);

public sealed record OrganisationResponse(
    Guid Id, string Name, string Country, string Type, string? Sector, string DefaultTlp, DateTimeOffset CreatedAt)
{
    internal static OrganisationResponse From(Organisation o) =>
        new(o.Id, o.Name, o.Country, AccessNames.Of(o.Type), o.Sector, Distribution.Label(o.DefaultTlp), o.CreatedAt);
}

public sealed record CreateUserRequest(string? UserName, string? Email, Guid? OrganisationId, string? Role, string? Password);

public sealed record UserResponse(
    Guid Id, string UserName, string? Email, Guid? OrganisationId, string Role, bool Disabled, bool MustChangePassword,
    DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt)
{
    internal static UserResponse From(AccessUser u) => new(
        u.Id, u.UserName ?? "", u.Email, u.OrganisationId, AccessNames.Of(u.Role), u.Disabled, u.MustChangePassword, u.LockoutEnd, u.CreatedAt);
}

/// <summary>A created user; <see cref="OneTimePassword"/> appears in this response only.</summary>
public sealed record CreatedUserResponse(UserResponse User, string? OneTimePassword);

public sealed record OneTimePasswordResponse(string OneTimePassword);

public sealed record CreateApiKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, Guid OrganisationId, Guid CreatedByUserId, string Role, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    internal static ApiKeyResponse From(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, k.Prefix, k.OrganisationId, k.CreatedByUserId, AccessNames.Of(k.Role),
        k.RevokedAt is not null ? "revoked" : now >= k.ExpiresAt ? "expired" : "active",
        k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt);
}

/// <summary>A created key; <see cref="Key"/> (the secret) appears in this response only and is never stored.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);

public sealed record CreateSharingGroupRequest(string? Name, IReadOnlyList<Guid>? Members);

public sealed record GroupMemberRequest(Guid? OrganisationId);

public sealed record SharingGroupResponse(Guid Id, string Name, Guid OwnerOrgId, IReadOnlyList<Guid> Members)
{
    internal static SharingGroupResponse From(SharingGroupInfo g) => new(g.Id, g.Name, g.OwnerOrgId, g.MemberOrgIds);
}
