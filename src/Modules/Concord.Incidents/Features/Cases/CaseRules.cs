using Concord.Access;
using Concord.Platform;
using Concord.Stix;
using Concord.Teams;

namespace Concord.Incidents.Features.Cases;

/// <summary>The checks on a case's fields: each refusal names the field and the rule, and the first one ends the write.</summary>
internal static class CaseRules
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 20_000;
    public const int MaxText = 20_000;
    public const int MaxListItems = 60;

    public static Error? Forbidden(Principal principal) =>
        principal.Kind != PrincipalKind.Member || principal.OrganisationId is null
            ? Error.Forbidden("Only members of an organisation work on cases.")
            : !principal.HasRole(Role.Analyst) ? Error.Forbidden("Cases are written by analysts (role analyst or higher).") : null;

    public static Result<string> Title(string? title, string field = "title")
    {
        var text = title?.Trim() ?? "";
        return text.Length == 0 ? Error.Validation(field, "required", "A case needs a title.")
            : text.Length > MaxTitle ? Error.Validation(field, "too-long", $"At most {MaxTitle} characters.")
            : text;
    }

    public static Result<string> Text(string? value, string field, bool required, int max = MaxText)
    {
        var text = value?.Trim() ?? "";
        return required && text.Length == 0 ? Error.Validation(field, "required", $"'{field}' is required.")
            : text.Length > max ? Error.Validation(field, "too-long", $"At most {max} characters.")
            : text;
    }

    public static Result<IncidentCategory> Category(string? category) =>
        IncidentTaxonomy.Find(category) is { } found ? found
            : Error.Validation("category", "unknown-category",
                $"'{category}' is not an RSIT category; use class:type, e.g. fraud:phishing or malicious-code:infected-system (GET /api/v1/cases/taxonomy).");

    public static Result<T> Enum<T>(string? text, string field, T fallback)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return IncidentJson.TryParse<T>(text, out var value) ? value
            : Error.Validation(field, $"unknown-{field}", $"'{text}' is not a {field}; one of: {string.Join(", ", System.Enum.GetValues<T>().Select(IncidentJson.Name))}.");
    }

    public static Result<Tlp> Tlp(string? text, Tlp fallback, string field = "tlp") =>
        string.IsNullOrWhiteSpace(text) ? fallback
            : Distribution.TryParseTlp(text, out var tlp) ? tlp
            : Error.Validation(field, "unknown-tlp", $"'{text}' is not a TLP 2.0 label (clear, green, amber, amber+strict, red).");

    public static Result<string> Countries(IReadOnlyList<string>? countries)
    {
        var codes = new List<string>();
        for (var i = 0; i < (countries?.Count ?? 0); i++)
        {
            var code = countries![i]?.Trim().ToUpperInvariant() ?? "";
            if (TeamCountries.Name(code) is null)
            {
                return Error.Validation($"countries[{i}]", "unknown-country", $"'{countries[i]}' is not an ISO 3166-1 alpha-2 country code.");
            }

            codes.Add(code);
        }

        return codes.Count > MaxListItems ? Error.Validation("countries", "too-many", $"At most {MaxListItems} countries.")
            : string.Join('\n', codes.Distinct(StringComparer.Ordinal));
    }

    public static Result<string> Sectors(IReadOnlyList<string>? sectors)
    {
        var names = new List<string>();
        for (var i = 0; i < (sectors?.Count ?? 0); i++)
        {
            var name = sectors![i]?.Trim().ToLowerInvariant() ?? "";
            if (!IncidentTaxonomy.Sectors.Contains(name))
            {
                return Error.Validation($"sectors[{i}]", "unknown-sector", $"'{sectors[i]}' is not a sector; one of: {string.Join(", ", IncidentTaxonomy.Sectors)}.");
            }

            names.Add(name);
        }

        return string.Join('\n', names.Distinct(StringComparer.Ordinal));
    }

    public static IReadOnlyList<string> Lines(string text) => text.Length == 0 ? [] : text.Split('\n');
}
