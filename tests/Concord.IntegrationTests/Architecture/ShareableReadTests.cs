using Concord.Access;
using Concord.Intel.Data;
using Microsoft.EntityFrameworkCore;

namespace Concord.IntegrationTests.Architecture;

/// <summary>
/// The filtered query is the only sanctioned way to read a shareable table (src/Modules/README.md, "Shareable
/// records"): every read in module code goes through Visibility, or its type says why not with
/// <see cref="InternalProjectionAttribute"/>.
/// </summary>
public class ShareableReadTests
{
    [Fact]
    public void ModuleCode_ReadsShareableTablesOnlyThroughVisibilityOrAsAMarkedInternalProjection()
    {
        var assemblies = ShareableReads.Assemblies();

        Assert.Contains(assemblies, a => a.GetName().Name == "Concord.Intel");
        var unfiltered = ShareableReads.Unfiltered(assemblies);
        Assert.True(unfiltered.Count == 0, string.Join("\n", unfiltered));
    }

    /// <summary>The check itself: on this assembly's examples it flags exactly the unfiltered, unmarked read.</summary>
    [Fact]
    public void Check_FlagsAnUnfilteredReadAndAcceptsFilteredAndMarkedOnes()
    {
        var flagged = ShareableReads.Unfiltered([typeof(ShareableReadTests).Assembly]);

        var only = Assert.Single(flagged, f => f.Contains(nameof(Examples), StringComparison.Ordinal));
        Assert.Contains($"{nameof(Examples.Unfiltered)} reads IntelDbContext.Objects<StoredObject>", only, StringComparison.Ordinal);
    }

    private static class Examples
    {
        public static Task<int> Unfiltered(IntelDbContext db) => db.Objects.CountAsync(o => o.Latest);

        public static Task<int> Filtered(IntelDbContext db, Principal principal) => db.Objects.Apply(principal).CountAsync(o => o.Latest);

        public static async Task<int> FilteredInALambda(IntelDbContext db, Principal principal)
        {
            var rows = await Task.Run(() => db.Sightings.Where(Visibility.Filter<SightingRecord>(principal)).CountAsync());
            return rows;
        }

        [InternalProjection("an example: counts rows for a test, shows nothing")]
        public static Task<int> Marked(IntelDbContext db) => db.Objects.CountAsync();
    }
}
