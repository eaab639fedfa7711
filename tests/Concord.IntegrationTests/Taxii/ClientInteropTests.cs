using System.Text.Json;
using Concord.Taxii.Client;

namespace Concord.IntegrationTests.Taxii;

/// <summary>
/// <see cref="TaxiiClient.PullAsync"/> against a TAXII 2.1 server with the paging quirks real servers have (medallion's
/// capped pages and kept tokens, <c>next</c> on every page, <c>more</c> left out, numeric tokens, no date headers, no
/// <c>next</c> at all, <c>limit</c> ignored): every object arrives, the cursor only moves forward, a restart from any
/// cursor it gave reads the whole remainder, and what cannot be paged fails with a message instead of looping.
/// </summary>
public class ClientInteropTests
{
    private const int Count = 250;

    /// <summary>Seven objects share each instant, neighbouring instants one microsecond apart: page boundaries cut instants.</summary>
    private static readonly Func<int, int> SevenPerInstant = i => i / 7;

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["medallion: pages capped below limit, kept tokens"] = new(new TaxiiQuirks { PageCap = 25 }, 40),
        ["medallion: one token per pass, its position kept by the server"] = new(new TaxiiQuirks { Next = NextKind.Session, PageCap = 25 }, 40),
        ["next on every page, more absent at the end"] = new(new TaxiiQuirks { NextOnLastPage = true, MoreAbsentWhenFalse = true }, 20),
        ["next on every page, more false at the end"] = new(new TaxiiQuirks { NextOnLastPage = true }, 20),
        ["more never sent, next only while more follows"] = new(new TaxiiQuirks { NeverMore = true }, 20),
        ["more never sent, next on every page"] = new(new TaxiiQuirks { NeverMore = true, NextOnLastPage = true }, 20),
        ["more never sent, the last next refused"] = new(new TaxiiQuirks { NeverMore = true, NextOnLastPage = true, LastNextDangling = true }, 20),
        ["1-based numeric next, pages capped"] = new(new TaxiiQuirks { Next = NextKind.Numeric, PageCap = 30 }, 50),
        ["numeric next on every page, more absent"] = new(new TaxiiQuirks { Next = NextKind.Numeric, NextOnLastPage = true, MoreAbsentWhenFalse = true }, 20),
        ["no date headers"] = new(new TaxiiQuirks { NoDateHeaders = true }, 20),
        ["no date headers, more absent, numeric next"] = new(new TaxiiQuirks { NoDateHeaders = true, MoreAbsentWhenFalse = true, Next = NextKind.Numeric }, 20),
        ["no next: more and added_after only"] = new(new TaxiiQuirks { Next = NextKind.None }, 20, Duplicates: true),
        ["no next and no date headers"] = new(new TaxiiQuirks { Next = NextKind.None, NoDateHeaders = true }, 20, Duplicates: true),
        ["limit ignored, pages capped"] = new(new TaxiiQuirks { IgnoreLimit = true, PageCap = 45 }, 20),
        ["limit ignored, one page"] = new(new TaxiiQuirks { IgnoreLimit = true }, 20),
        ["limit ignored, no next"] = new(new TaxiiQuirks { IgnoreLimit = true, PageCap = 33, Next = NextKind.None }, 20, Duplicates: true),
        ["refused next answered 404"] = new(new TaxiiQuirks { RefusedStatus = 404, PageCap = 15 }, 20),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Quirks => [.. Scenarios.Keys];

    public static TheoryData<string, bool> QuirksAndTokenLoss => [.. Scenarios.Keys.SelectMany(k => new[] { (k, false), (k, true) })];

    [Theory]
    [MemberData(nameof(Quirks))]
    public async Task Pull_FromTheStart_ReadsEveryObjectWithTheCursorOnlyMovingForward(string quirks)
    {
        var scenario = Scenarios[quirks];
        await using var server = await QuirkyTaxiiServer.StartAsync(scenario.Quirks, Count, SevenPerInstant);

        var pages = await PullAllAsync(server, new TaxiiCursor(null, null), scenario.Limit);

        AssertEveryObjectOnce(server, pages.SelectMany(p => Ids(p.Page)), scenario.Duplicates);
        AssertMovesForward(pages);
        Assert.True(pages[^1].Last);
        Assert.All(pages[..^1], p => Assert.False(p.Last));
        Assert.Equal(new TaxiiCursor(server.Items[^1].DateAdded, null), pages[^1].After);
        var before = server.ObjectRequests;
        var again = await PullAllAsync(server, pages[^1].After, scenario.Limit);
        Assert.Empty(again.SelectMany(p => p.Page.Objects));
        Assert.Equal(1, server.ObjectRequests - before);
        Assert.Equal(pages[^1].After, again.Single().After);
    }

    [Theory]
    [MemberData(nameof(QuirksAndTokenLoss))]
    public async Task Pull_KilledAfterReadingAPageItHadNotStored_ReadsTheWholeRemainderFromTheLastPersistedCursor(string quirks, bool tokensForgotten)
    {
        var scenario = Scenarios[quirks];
        await using var server = await QuirkyTaxiiServer.StartAsync(scenario.Quirks, Count, SevenPerInstant);
        var pageCount = (await PullAllAsync(server, new TaxiiCursor(null, null), scenario.Limit)).Count;
        var final = new TaxiiCursor(server.Items[^1].DateAdded, null);

        for (var stored = 1; stored < pageCount; stored++)
        {
            // The process dies with page 'stored + 1' read from the server (which may have moved its own position) but not stored.
            var pages = await PullAllAsync(server, new TaxiiCursor(null, null), scenario.Limit, stopAfter: stored);
            var persisted = pages[^1].After;
            if (tokensForgotten)
            {
                server.ForgetTokens();
            }

            var rest = await PullAllAsync(server, persisted, scenario.Limit);

            var read = pages.SelectMany(p => Ids(p.Page)).Concat(rest.SelectMany(p => Ids(p.Page)));
            AssertEveryObjectOnce(server, read, scenario.Duplicates || tokensForgotten || persisted.Next is null);
            AssertMovesForward([.. pages, .. rest]);
            Assert.True(rest[^1].Last);
            Assert.Equal(final, rest[^1].After);
        }
    }

    [Fact]
    public async Task Pull_WholePageSharingOneInstantWithoutNext_ReadsItAgainOnceThenFailsNamingTheInstant()
    {
        // Objects 40 to 99 share one instant; pages hold 20 and the server gives no 'next'.
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { Next = NextKind.None }, Count, i => i is >= 40 and < 100 ? 40 : i);
        var pages = new List<TaxiiPulledPage>();

        var failure = await Assert.ThrowsAsync<TaxiiClientException>(async () =>
        {
            await foreach (var page in Client().PullAsync(server.Collection, new TaxiiCursor(null, null), new TaxiiReadOptions { Limit = 20 }, Ct))
            {
                pages.Add(page);
            }
        });

        var instant = QuirkyTaxiiServer.Format(server.Items[40].DateAdded);
        Assert.Contains($"share date_added {instant}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no 'next'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, pages.Count);
        Assert.Equal(4, server.ObjectRequests);
        Assert.Equal(server.Items[40].DateAdded.AddTicks(-TimeSpan.TicksPerMicrosecond), pages[^1].After.AddedAfter);
    }

    [Fact]
    public async Task Pull_NextRefusedEvenWhenFresh_FallsBackToAddedAfterOnceThenFails()
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { RefuseEveryNext = true }, Count, SevenPerInstant);
        var after = server.Items[100].DateAdded;
        var pages = new List<TaxiiPulledPage>();

        var failure = await Assert.ThrowsAsync<TaxiiClientException>(async () =>
        {
            await foreach (var page in Client().PullAsync(server.Collection, new TaxiiCursor(after, "expired-token"), new TaxiiReadOptions { Limit = 20 }, Ct))
            {
                pages.Add(page);
            }
        });

        Assert.Equal(400, failure.Status);
        Assert.Contains("refused its 'next' again", failure.Message, StringComparison.Ordinal);
        Assert.Equal(server.Items.Where(i => i.DateAdded > after).Take(20).Select(i => i.Id), Ids(Assert.Single(pages).Page));
        Assert.Equal(new TaxiiCursor(after, null), pages[0].After);
        Assert.Equal(3, server.ObjectRequests);
    }

    [Fact]
    public async Task Pull_ServerAnsweringNextWithTheSamePage_FailsInsteadOfLooping()
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { RepeatFirstPage = true }, Count, SevenPerInstant);

        var failure = await Assert.ThrowsAsync<TaxiiClientException>(async () =>
        {
            await foreach (var _ in Client().PullAsync(server.Collection, new TaxiiCursor(null, null), new TaxiiReadOptions { Limit = 20 }, Ct))
            {
            }
        });

        Assert.Contains("with the page it had just sent", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.ObjectRequests);
    }

    [Fact]
    public async Task Pull_NeitherDateHeadersNorManifest_ReadsEverythingAndKeepsTheCursorWhereItWas()
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { NoDateHeaders = true, NoManifest = true }, Count, SevenPerInstant);
        var from = new TaxiiCursor(server.Items[49].DateAdded, null);

        var pages = await PullAllAsync(server, from, 20);

        Assert.Equal(server.Items.Where(i => i.DateAdded > from.AddedAfter).Select(i => i.Id), pages.SelectMany(p => Ids(p.Page)));
        Assert.Equal(from, pages[^1].After);
    }

    [Fact]
    public async Task Pull_MoreWithoutNextAndNoWayToDateThePage_FailsSayingSo()
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { Next = NextKind.None, NoDateHeaders = true, NoManifest = true }, Count, SevenPerInstant);

        var failure = await Assert.ThrowsAsync<TaxiiClientException>(() => PullAllAsync(server, new TaxiiCursor(null, null), 20));

        Assert.Contains("neither X-TAXII-Date-Added-Last nor its manifest", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.ObjectRequests);
    }

    [Fact]
    public async Task ReadPages_OnAServerWithNextOnEveryPageAndMoreAbsent_ReadsEveryObjectOnce()
    {
        await using var server = await QuirkyTaxiiServer.StartAsync(new TaxiiQuirks { NextOnLastPage = true, MoreAbsentWhenFalse = true, PageCap = 30 }, Count, SevenPerInstant);
        var ids = new List<string>();

        await foreach (var page in Client().ReadPagesAsync(server.Collection, new TaxiiReadOptions { Limit = 100, AddedAfter = server.Items[6].DateAdded }, Ct))
        {
            ids.AddRange(Ids(page));
        }

        Assert.Equal(server.Items.Skip(7).Select(i => i.Id), ids);
    }

    private static TaxiiClient Client() => new(new HttpClient());

    /// <summary>Every page of a pull, or the first <paramref name="stopAfter"/> when the one after them has been read from the server.</summary>
    private static async Task<List<TaxiiPulledPage>> PullAllAsync(QuirkyTaxiiServer server, TaxiiCursor from, int limit, int stopAfter = int.MaxValue)
    {
        using var http = new HttpClient();
        var pages = new List<TaxiiPulledPage>();
        await foreach (var page in new TaxiiClient(http).PullAsync(server.Collection, from, new TaxiiReadOptions { Limit = limit, Version = "all" }, Ct))
        {
            if (pages.Count == stopAfter)
            {
                break;
            }

            pages.Add(page);
        }

        return pages;
    }

    private static IEnumerable<string> Ids(TaxiiObjectsPage page) =>
        page.Objects.Select(o => JsonDocument.Parse(o).RootElement.GetProperty("id").GetString()!);

    /// <summary>Exactly the server's objects; read twice only where <paramref name="duplicates"/> says the scenario re-reads (an instant, or a pass after a lost token).</summary>
    private static void AssertEveryObjectOnce(QuirkyTaxiiServer server, IEnumerable<string> read, bool duplicates)
    {
        var counts = read.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(server.Items.Select(i => i.Id).Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        if (!duplicates)
        {
            Assert.All(counts, c => Assert.True(c.Value == 1, $"{c.Key} was read {c.Value} times"));
        }
    }

    private static void AssertMovesForward(IReadOnlyList<TaxiiPulledPage> pages)
    {
        for (var i = 1; i < pages.Count; i++)
        {
            var (then, now) = (pages[i - 1].After.AddedAfter, pages[i].After.AddedAfter);
            Assert.True(then is null || now >= then, $"The cursor moved back after page {i}: {pages[i - 1].After} then {pages[i].After}");
        }
    }

    private sealed record Scenario(TaxiiQuirks Quirks, int Limit, bool Duplicates = false);
}
