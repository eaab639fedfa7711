namespace Concord.Web.Lookup;

/// <summary>
/// What a person pastes into the lookup: one value per line (a user agent or a registry key may hold spaces and commas,
/// so nothing else separates values). Lines are trimmed, blank ones skipped; defanged values are refanged by the
/// correlation service itself, as for the REST lookup.
/// </summary>
public static class LookupInput
{
    public const string ValuesField = "values";
    public const string ParentDomainsField = "parent_domains";

    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
}
