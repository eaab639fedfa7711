using Concord.Access.Data;
using Concord.Access.Features.Validation;

namespace Concord.Access.Endpoints;

/// <summary>
/// <see cref="TotpCode"/>: the six-digit code of the user's authenticator, required once one is enabled (each code signs
/// in once); <see cref="RecoveryCode"/> instead, one of the recovery codes shown at enrolment, each usable once.
/// </summary>
internal sealed record LoginRequest(string? UserName, string? Password, string? TotpCode = null, string? RecoveryCode = null);

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who the caller is: a user (cookie/Basic) or an API key.</summary>
internal sealed record MeResponse(
    Guid Id, string Kind, string Name, Guid? UserId, Guid? OrganisationId, string? OrganisationName, string Role, bool MustChangePassword);

internal sealed record OrganisationRequest(string? Name, string? Country, string? Type, string? Sector, string? DefaultTlp);

/// <summary>An organisation; <c>homeNode</c> names the node hosting a federated one (null: hosted here).</summary>
internal sealed record OrganisationResponse(
    Guid Id, string Name, string Country, string Type, string? Sector, string DefaultTlp, DateTimeOffset CreatedAt, string? HomeNode)
{
    internal static OrganisationResponse From(Organisation o) =>
        new(o.Id, o.Name, o.Country, AccessNames.Of(o.Type), o.Sector, Distribution.Label(o.DefaultTlp), o.CreatedAt, o.HomeNodeName);
}

internal sealed record CreateUserRequest(string? UserName, string? Email, Guid? OrganisationId, string? Role, string? Password);

internal sealed record UpdateUserRequest(string? Role, string? Email);

internal sealed record UserResponse(
    Guid Id, string UserName, string? Email, Guid? OrganisationId, string Role, bool Disabled, bool MustChangePassword,
    DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt)
{
    internal static UserResponse From(AccessUser u) => new(
        u.Id, u.UserName ?? "", u.Email, u.OrganisationId, AccessNames.Of(u.Role), u.Disabled, u.MustChangePassword, u.LockoutEnd, u.CreatedAt);
}

/// <summary>A created user; <see cref="OneTimePassword"/> appears in this response only.</summary>
internal sealed record CreatedUserResponse(UserResponse User, string? OneTimePassword);

internal sealed record OneTimePasswordResponse(string OneTimePassword);

internal sealed record CreateApiKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);

internal sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, Guid OrganisationId, Guid CreatedByUserId, string Role, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    internal static ApiKeyResponse From(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, k.Prefix, k.OrganisationId, k.CreatedByUserId, AccessNames.Of(k.Role),
        k.RevokedAt is not null ? "revoked" : now >= k.ExpiresAt ? "expired" : "active",
        k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt);
}

/// <summary>A created key; <see cref="Key"/> (the secret) appears in this response only and is never stored.</summary>
internal sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);

internal sealed record CreateSharingGroupRequest(string? Name, IReadOnlyList<Guid>? Members);

internal sealed record UpdateSharingGroupRequest(string? Name);

internal sealed record GroupMemberRequest(Guid? OrganisationId);

internal sealed record SharingGroupResponse(Guid Id, string Name, Guid OwnerOrgId, IReadOnlyList<Guid> Members)
{
    internal static SharingGroupResponse From(SharingGroupInfo g) => new(g.Id, g.Name, g.OwnerOrgId, g.MemberOrgIds);
}

internal sealed record CreatePeerNodeRequest(string? Name);
