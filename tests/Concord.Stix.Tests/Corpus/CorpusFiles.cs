namespace Concord.Stix.Tests.Corpus;

/// <summary>The STIX bundles of the shared corpus, as paths relative to shared/data.</summary>
internal static class CorpusFiles
{
    public const string Absent = "(shared corpus absent)";

    public static TheoryData<string> Bundles()
    {
        var data = new TheoryData<string>();
        var root = Concord.Testing.SharedData.TryRoot;
        if (root is null)
        {
            // One row that calls RequireRoot, so the test skips locally and fails under CI instead of vanishing.
            data.Add(Absent);
            return data;
        }

        var files = Directory.GetFiles(Path.Combine(root, "attack"), "*.json").Where(f => Path.GetFileName(f) != "index.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "stix2.1", "examples"), "*.json", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(root, "stix2.1", "examples-cti-documentation"), "*.json"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    public static string Resolve(string relative)
    {
        var root = Concord.Testing.SharedData.RequireRoot();
        return Path.Combine(root, relative);
    }
}
