using System.Collections.Concurrent;

namespace Concord.IntegrationTests.LeakHarness;

/// <summary>One fixture alliance per store, seeded once and shared by every read path's test.</summary>
public sealed class LeakWorlds : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Store, Lazy<Task<LeakWorld>>> _worlds = new();

    public Task<LeakWorld> ForAsync(Store store)
    {
        if (store == Store.Postgres)
        {
            Stores.RequirePostgres();
        }

        return _worlds.GetOrAdd(store, s => new Lazy<Task<LeakWorld>>(() => LeakSeed.SeedAsync(s))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var world in _worlds.Values.Where(w => w.IsValueCreated && w.Value.IsCompletedSuccessfully))
        {
            await (await world.Value).DisposeAsync();
        }
    }
}

/// <summary>
/// THE leak harness (DESIGN.md, "Who may see what"): every read path × every reader × every record of the fixture
/// alliance against <see cref="Oracle"/>; hidden records answer as missing ones; no fingerprinted view moves when
/// records the reader may not read are added.
/// </summary>
public class LeakHarnessTests(LeakWorlds worlds) : IClassFixture<LeakWorlds>
{
    public static TheoryData<Store, string> Paths()
    {
        var data = new TheoryData<Store, string>();
        foreach (var store in new[] { Store.Sqlite, Store.Postgres })
        {
            foreach (var path in ReadPaths.All)
            {
                data.Add(store, path.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Fixture_IsSeededAsAsked_WiderScopesRefusedAndNothingOfThemStored(Store store)
    {
        var world = await worlds.ForAsync(store);

        Assert.Empty(world.SeedProblems);
        Assert.Equal(19, world.Of("indicator").Count(r => r.Versions.Count > 0 && !r.Deleted));
        Assert.Equal(11, world.Records.Count(r => r.Label.StartsWith("refused", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ReadPath_ShowsEachReaderExactlyWhatTheOracleAllows(Store store, string path)
    {
        var world = await worlds.ForAsync(store);
        var adapter = ReadPaths.All.Single(p => p.Name == path);
        var report = new Mismatches(path);

        foreach (var reader in world.Readers)
        {
            await adapter.CheckAsync(world, reader, report);
        }

        if (adapter is IFingerprinted)
        {
            foreach (var ((name, reader), (before, after)) in world.Fingerprints.Where(f => f.Key.Path == path))
            {
                if (before != after)
                {
                    report.Add(world.Readers.Single(r => r.Name == reader), $"the view moved when records it may not read were added:\n  before: {before}\n  after:  {after}");
                }
            }
        }

        Assert.True(report.Found.Count == 0, $"{report.Found.Count} mismatches with the oracle:\n" + string.Join('\n', report.Found.Take(40)));
    }
}
