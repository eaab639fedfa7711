using System.Globalization;
using System.Security.Claims;

namespace Concord.Access.Authentication;

/// <summary>
/// Who is asking for an administrative action, read from the claims. <see cref="System"/> is the node itself
/// (CLI, demo), which the role checks let through.
/// </summary>
internal sealed record Caller(Guid? UserId, Guid? ApiKeyId, Guid? OrganisationId, Role Role, bool IsSystem = false)
{
    public static Caller System { get; } = new(null, null, null, Role.NodeAdmin, IsSystem: true);

    public bool IsNodeAdmin => Role == Role.NodeAdmin;

    /// <summary>For logs: ids only, never names (personal data).</summary>
    public string Describe() => IsSystem ? "node" : ApiKeyId is { } key ? $"api-key {key}" : $"user {UserId}";

    public bool IsUserSession => UserId is not null && ApiKeyId is null;

    /// <summary>
    /// Why this caller may do no administration at all, whatever its role (null: nothing against it): not a signed-in
    /// member of this node (anonymous, a peer node) or a one-time password still to change — what the endpoint policies
    /// check before the role. Read by <see cref="Features.Admin.AdminRules.Check"/>.
    /// </summary>
    public Platform.Error? Refusal { get; init; }

    /// <summary>May administer (users, keys) the organisation <paramref name="organisationId"/>.</summary>
    public bool Administers(Guid? organisationId) =>
        IsNodeAdmin || (Role >= Role.OrgAdmin && organisationId is not null && organisationId == OrganisationId);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Guid? Get(string type) => Guid.TryParse(user.FindFirstValue(type), out var id) ? id : null;
        var role = int.TryParse(user.FindFirstValue(AccessClaims.Role), NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            && Enum.IsDefined((Role)r) ? (Role)r : Role.ReadOnly;
        var isKey = user.FindFirstValue(AccessClaims.Kind) == AccessClaims.KindApiKey;
        return new Caller(Get(AccessClaims.User), isKey ? Get(AccessClaims.Subject) : null, Get(AccessClaims.Organisation), role) { Refusal = RefusalOf(user) };
    }

    private static Platform.Error? RefusalOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true || user.FindFirstValue(AccessClaims.Kind) is null || AccessClaims.IsPeerNode(user)
            ? new Platform.Error(Platform.ErrorKind.Forbidden, "authentication-required", "Sign in first.")
            : AccessIdentity.MustChangePassword(user)
                ? new Platform.Error(Platform.ErrorKind.Forbidden, "password-change-required", "Change your one-time password first.")
                : null;
}
