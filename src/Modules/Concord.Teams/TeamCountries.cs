using Concord.Teams.Features.Teams;

namespace Concord.Teams;

/// <summary>ISO 3166-1 alpha-2 countries as the directory names them, for other modules that record countries (a case's affected countries).</summary>
public static class TeamCountries
{
    /// <summary>The English name of a country code (any case), or null for a code that is not one.</summary>
    public static string? Name(string? code) =>
        code is { Length: 2 } && Countries.All.TryGetValue(code.ToUpperInvariant(), out var country) ? country.Name : null;
}
