namespace Concord.Testing;

/// <summary>
/// Finds ../shared/data (the public test corpus beside the checkout). Tests that need it call
/// <see cref="RequireRoot"/>, which skips the test with a clear message when the corpus is absent —
/// except under CI (CI=true), where a missing corpus is a failure, because CI must run those tests.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? TryRoot => Root.Value;

    public static string RequireRoot()
    {
        var root = Root.Value;
        if (root is not null)
        {
            return root;
        }

        const string message = "../shared/data is absent (set CONCORD_SHARED_DATA to its path); this test needs the public corpus.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }

        Assert.Skip(message);
        return null!;
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([RequireRoot(), .. parts]);

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CONCORD_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(System.IO.Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }
}
