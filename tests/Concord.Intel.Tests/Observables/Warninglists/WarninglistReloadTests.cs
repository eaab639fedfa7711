using Concord.Observables;
using Concord.Intel.Observables.Warninglists;
using static Concord.Observables.Tests.ObservableAssert;

namespace Concord.Intel.Tests.Observables.Warninglists;

public sealed class WarninglistReloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-warninglists-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string id, string json)
    {
        Directory.CreateDirectory(Path.Combine(_folder, id));
        File.WriteAllText(Path.Combine(_folder, id, "list.json"), json);
    }

    private static string List(string type, params string[] entries) =>
        $$"""{"name":"test {{type}}","version":2,"description":"d","type":"{{type}}","list":[{{string.Join(",", entries.Select(e => $"\"{e}\""))}}]}""";

    [Fact]
    public void Reload_SwapsInANewSnapshot_AndLeavesTheOldOneIntact()
    {
        var catalog = new WarninglistCatalog();
        var address = Parses(ObservableKind.Ipv4Address, "192.0.2.10");
        Write("first", List("cidr", "192.0.2.0/24"));
        Assert.Empty(catalog.Reload(_folder));
        var before = catalog.Current;

        Directory.Delete(Path.Combine(_folder, "first"), recursive: true);
        Write("second", List("cidr", "198.51.100.0/24"));
        catalog.Reload(_folder);

        Assert.Equal("first", Assert.Single(before.Match(address)).List.Id);
        Assert.Empty(catalog.Current.Match(address));
        Assert.Equal(["second"], catalog.Current.Lists.Select(l => l.Id));
    }

    [Fact]
    public async Task Reload_WhileOthersRead_NeverShowsAHalfBuiltSnapshot()
    {
        var catalog = new WarninglistCatalog();
        var address = Parses(ObservableKind.Ipv4Address, "192.0.2.10");
        Write("a", List("cidr", "192.0.2.0/24"));
        Write("b", List("cidr", "192.0.2.0/25"));
        catalog.Reload(_folder);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var inconsistent = 0;
            while (!stop.IsCancellationRequested)
            {
                var snapshot = catalog.Current;
                var listed = snapshot.Lists.Select(l => l.Id).ToHashSet();
                var matched = snapshot.Match(address).Select(m => m.List.Id).ToHashSet();
                inconsistent += listed.SetEquals(matched) ? 0 : 1;
            }

            return inconsistent;
        }, TestContext.Current.CancellationToken);

        for (var i = 0; i < 20; i++)
        {
            catalog.Reload(_folder);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await reader);
    }

    [Fact]
    public void Load_BrokenFile_IsReportedAndTheOtherListsStillLoad()
    {
        Write("broken", "{ not json");
        Write("untyped", """{"name":"x","description":"d","version":1,"type":"fuzzy","list":["a"]}""");
        Write("good", List("string", "evil-but-known"));

        var (snapshot, problems) = WarninglistLoader.Load(_folder);

        Assert.Equal(["good"], snapshot.Lists.Select(l => l.Id));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Path.Contains("untyped", StringComparison.Ordinal) && p.Message.Contains("fuzzy", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MalformedEntries_AreReportedAndSkipped()
    {
        Write("nets", List("cidr", "192.0.2.0/24", "not-an-ip", "10.0.0.0/99"));

        var (snapshot, problems) = WarninglistLoader.Load(_folder);

        Assert.Equal(1, Assert.Single(snapshot.Lists).EntryCount);
        Assert.Contains("2 entries skipped", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_IsAProblemAndAnEmptySnapshot()
    {
        var (snapshot, problems) = WarninglistLoader.Load(Path.Combine(_folder, "nowhere"));
        Assert.Empty(snapshot.Lists);
        Assert.Single(problems);
    }

    [Fact]
    public void MatchingAttributes_RestrictWhichKindsAListApplies()
    {
        Write("hashes-only", """{"name":"h","description":"d","version":1,"type":"string","matching_attributes":["md5"],"list":["Global\\ABC"]}""");
        Write("any", """{"name":"a","description":"d","version":1,"type":"string","list":["Global\\ABC"]}""");

        var (snapshot, _) = WarninglistLoader.Load(_folder);

        Assert.Equal(["any"], snapshot.Match(Parses(ObservableKind.Mutex, "Global\\ABC")).Select(m => m.List.Id));
    }

    [Fact]
    public void StringLists_CompareCaseFoldedKindsIgnoringCase_AndExactKindsExactly()
    {
        Write("tlds", List("string", "AAA", "MyMutex"));

        var (snapshot, _) = WarninglistLoader.Load(_folder);

        Assert.Single(snapshot.Match(Parses(ObservableKind.Domain, "aaa")));
        Assert.Single(snapshot.Match(Parses(ObservableKind.Mutex, "MyMutex")));
        Assert.Empty(snapshot.Match(Parses(ObservableKind.Mutex, "mymutex")));
    }

    [Fact]
    public void RegexList_WithPhpDelimitersAndFlags_IsTranslated()
    {
        Write("re", List("regex", "#^ua-[0-9]+$#i"));

        var (snapshot, problems) = WarninglistLoader.Load(_folder);

        Assert.Empty(problems);
        Assert.Single(snapshot.Match(Parses(ObservableKind.UserAgent, "UA-42")));
        Assert.Empty(snapshot.Match(Parses(ObservableKind.UserAgent, "UA-42x")));
    }
}
