namespace Concord.Intel.Observables.Warninglists;

/// <summary>
/// Loads MISP warninglists from a folder laid out like the misp-warninglists repository's <c>lists</c> folder:
/// one sub-folder per list, each with a <c>list.json</c>. The folder is configuration: the product ships no
/// lists, so a node administrator points it at a checkout of misp-warninglists or at their own lists.
/// </summary>
internal static class WarninglistLoader
{
    /// <summary>Reads every list under <paramref name="folder"/>; a missing folder or a bad file is a problem, not an exception.</summary>
    public static (WarninglistSnapshot Snapshot, IReadOnlyList<WarninglistProblem> Problems) Load(string folder)
    {
        var problems = new List<WarninglistProblem>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new(folder, "the warninglist folder does not exist"));
            return (WarninglistSnapshot.Empty, problems);
        }

        // Files are parsed in parallel (JSON parsing is most of the load time); problems are gathered in order after.
        var results = Directory.EnumerateDirectories(folder)
            .Select(dir => (Id: Path.GetFileName(dir), Path: Path.Combine(dir, "list.json")))
            .Where(list => File.Exists(list.Path))
            .AsParallel().AsOrdered()
            .Select(list => (list.Path, File: WarninglistFile.TryRead(list.Id, list.Path, out var error), Error: error))
            .ToList();
        foreach (var (path, _, error) in results.Where(r => r.File is null))
        {
            problems.Add(new(path, error!));
        }

        var snapshot = WarninglistSnapshot.Build(results.Where(r => r.File is not null).Select(r => r.File!), problems);
        return (snapshot, problems);
    }
}
