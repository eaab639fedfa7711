namespace Concord.Observables;

/// <summary>
/// Windows registry keys. The registry compares names case-insensitively, so the canonical key is the full hive
/// name in upper case and the path in lower case; abbreviations (<c>HKLM</c>) and kernel paths
/// (<c>\REGISTRY\MACHINE</c>) become the full hive name, so every way of writing one key is one observable.
/// </summary>
internal static class RegistryKeyText
{
    private static readonly (string Alias, string Hive)[] Hives =
    [
        ("HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"),
        ("HKLM", "HKEY_LOCAL_MACHINE"),
        ("\\REGISTRY\\MACHINE", "HKEY_LOCAL_MACHINE"),
        ("HKEY_CURRENT_USER", "HKEY_CURRENT_USER"),
        ("HKCU", "HKEY_CURRENT_USER"),
        ("HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"),
        ("HKCR", "HKEY_CLASSES_ROOT"),
        ("HKEY_USERS", "HKEY_USERS"),
        ("HKU", "HKEY_USERS"),
        ("\\REGISTRY\\USER", "HKEY_USERS"),
        ("HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"),
        ("HKCC", "HKEY_CURRENT_CONFIG"),
        ("HKEY_PERFORMANCE_DATA", "HKEY_PERFORMANCE_DATA"),
        ("HKPD", "HKEY_PERFORMANCE_DATA"),
    ];

    public static Normalised Normalise(ReadOnlySpan<char> text)
    {
        foreach (var (alias, hive) in Hives)
        {
            if (!text.StartsWith(alias, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = text[alias.Length..];
            if (!path.IsEmpty && path[0] != '\\')
            {
                continue;
            }

            path = path.TrimEnd('\\');
            if (path.Contains("\\\\", StringComparison.Ordinal))
            {
                return Normalised.Fail("a key name is empty ('\\\\')");
            }

            return Normalised.Ok(ObservableKind.RegistryKey, hive + path.ToString().ToLowerInvariant());
        }

        return Normalised.Fail("a key starts with a hive such as HKEY_LOCAL_MACHINE or HKLM");
    }
}
