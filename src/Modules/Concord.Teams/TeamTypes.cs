namespace Concord.Teams;

/// <summary>Team types as the API and the UI name them.</summary>
public static class TeamTypes
{
    /// <summary>The API's name: kebab case (<c>national-cert</c>).</summary>
    public static string Name(TeamType type) => string.Concat(type.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>What people read (<c>National CERT</c>).</summary>
    public static string Label(TeamType type) => type switch
    {
        TeamType.NationalCert => "National CERT",
        TeamType.GovernmentCert => "Government CERT",
        TeamType.SectoralCsirt => "Sectoral CSIRT",
        TeamType.GovernmentAgency => "Government agency",
        TeamType.Regulator => "Regulator",
        TeamType.LawEnforcement => "Law enforcement",
        TeamType.AcademicCsirt => "Academic CSIRT",
        TeamType.NonProfit => "Non-profit",
        _ => "Other",
    };

    public static bool TryParse(string? text, out TeamType type)
    {
        var key = text?.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Trim();
        foreach (var candidate in Enum.GetValues<TeamType>())
        {
            if (string.Equals(candidate.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = TeamType.Other;
        return false;
    }
}
