using Concord.Intel.Observables.Warninglists;
using Concord.Testing;

namespace Concord.Intel.Tests.Observables.Warninglists;

/// <summary>The real MISP warninglists from ../shared/data, loaded once for all the tests that read them.</summary>
internal static class MispWarninglists
{
    private static readonly Lazy<(WarninglistSnapshot Snapshot, IReadOnlyList<WarninglistProblem> Problems)> Loaded =
        new(() => WarninglistLoader.Load(SharedData.Path("misp", "warninglists", "lists")));

    public static WarninglistSnapshot Snapshot
    {
        get
        {
            SharedData.RequireRoot();
            return Loaded.Value.Snapshot;
        }
    }

    public static IReadOnlyList<WarninglistProblem> Problems
    {
        get
        {
            SharedData.RequireRoot();
            return Loaded.Value.Problems;
        }
    }
}
