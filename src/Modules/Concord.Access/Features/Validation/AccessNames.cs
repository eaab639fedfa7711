namespace Concord.Access.Features.Validation;

/// <summary>The API spellings of roles and organisation types (<c>org-admin</c>, <c>government-agency</c>).</summary>
internal static class AccessNames
{
    public static string Of(Role role) => role switch
    {
        Role.ReadOnly => "read-only",
        Role.Analyst => "analyst",
        Role.OrgAdmin => "org-admin",
        Role.Secretariat => "secretariat",
        Role.NodeAdmin => "node-admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string Of(OrganisationType type) => type switch
    {
        OrganisationType.GovernmentAgency => "government-agency",
        OrganisationType.PublicBody => "public-body",
        OrganisationType.NonProfit => "non-profit",
        OrganisationType.PrivatePartner => "private-partner",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParseRole(string? text, out Role role) => TryParse(text, Of, out role);

    public static bool TryParseType(string? text, out OrganisationType type) => TryParse(text, Of, out type);

    public static string Roles => string.Join(", ", Enum.GetValues<Role>().Select(Of));

    public static string Types => string.Join(", ", Enum.GetValues<OrganisationType>().Select(Of));

    private static bool TryParse<T>(string? text, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(name(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
