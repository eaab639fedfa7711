namespace Concord.Benchmarks;

/// <summary>Finds the ATT&amp;CK Enterprise bundle by walking up from the working and binary directories to shared/data.</summary>
internal static class Corpus
{
    public const string EnterpriseRelative = "attack/enterprise-attack-18.1.reconstructed.json";

    public static string? Find(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static string Require(string relative) =>
        Find(relative) ?? throw new FileNotFoundException($"shared/data/{relative} was not found above {Environment.CurrentDirectory}; pass a path.");
}
