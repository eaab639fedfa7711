using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Concord.Taxii.Client;

public sealed partial class TaxiiClient
{
    /// <summary>
    /// Pulls a collection from a persisted cursor, one page in memory at a time: each page comes with the cursor to
    /// persist once its objects are stored, the last with <see cref="TaxiiPulledPage.Last"/>. A restart from any cursor
    /// it gave loses nothing; it may read some objects again (the caller's store must be idempotent), never the whole
    /// collection unless the server gives no way to tell where it stands. It copes with what TAXII 2.1 allows:
    /// <list type="bullet">
    /// <item><c>next</c> is followed while <c>more</c> is true; the pass keeps the cursor's <c>added_after</c> (a server's
    /// token is only valid with the same filters), and only a finished pass moves it, to the newest <c>date_added</c> read
    /// (X-TAXII-Date-Added-Last, or the manifest's entry for the last object when a server sends no date headers).</item>
    /// <item><c>more</c> false ends the pull, even with a <c>next</c> beside it. <c>more</c> absent is false (T 3.4), but
    /// a <c>next</c> without <c>more</c> is followed anyway rather than risk a truncated pull: an empty page, a refused
    /// token or the same page again end it there. That page is read before the one that gave the <c>next</c> is handed
    /// over (two pages in memory, with such a server only), so the last page's cursor always has its newest date.</item>
    /// <item><c>more</c> without <c>next</c>: the next request asks <c>added_after</c> one microsecond before the page's last
    /// <c>date_added</c> (added_after is exclusive, and several objects may share that instant), so the rest of the
    /// instant is read again. When a whole page shares one instant that request cannot move on: it is made once, then
    /// the pull fails with a <see cref="TaxiiClientException"/> naming the instant rather than loop.</item>
    /// <item>The cursor carries a <c>next</c> only once the server has shown that its tokens are positions (a page asked
    /// with one token gave another): medallion answers every page of a pass with the same token and keeps the position
    /// itself, so resuming with it after a crash between reading a page and storing it would skip that page. Until then
    /// the cursor is the pass's <c>added_after</c> alone, and a restart reads the pass again.</item>
    /// <item>A <c>next</c> the server refuses (HTTP 400, 404 or 410, e.g. a token expired while the node was down) falls
    /// back to the cursor's <c>added_after</c> once; refused again, the pull fails.</item>
    /// <item>A page smaller than <see cref="TaxiiReadOptions.Limit"/> is not the end (servers cap pages), nor is a larger
    /// one an error (some ignore <c>limit</c>); a page with no objects is the end; <c>next</c> may be a string or a number;
    /// a token answered with the page just sent fails the pull instead of looping.</item>
    /// </list>
    /// <see cref="TaxiiReadOptions.AddedAfter"/> is not used: the cursor's is. Send a <see cref="TaxiiReadOptions.Limit"/>:
    /// medallion answers a <c>next</c> without one with HTTP 500.
    /// </summary>
    public async IAsyncEnumerable<TaxiiPulledPage> PullAsync(
        Uri collection, TaxiiCursor from, TaxiiReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(options);
        var cursor = from;
        var pass = new PassState();
        TaxiiObjectsPage? previous = null;
        (TaxiiObjectsPage, bool)? ahead = null;
        while (true)
        {
            TaxiiObjectsPage page;
            bool moreGiven;
            var sent = cursor.Next;
            try
            {
                (page, moreGiven) = ahead ?? await ReadEnvelopeAsync(collection, options with { AddedAfter = cursor.AddedAfter }, cursor.Next, cancellationToken);
                ahead = null;
            }
            catch (TaxiiClientException refused) when (cursor.Next is not null && refused.Status is 400 or 404 or 410)
            {
                if (pass.Refused is { } before && before.AddedAfter == cursor.AddedAfter)
                {
                    throw new TaxiiClientException(refused.Status,
                        $"The server refused its 'next' again after a fresh read from added_after {Format(cursor.AddedAfter)}: {refused.Message}");
                }

                // An expired or forgotten token: read the pass again from its added_after (duplicates, nothing lost).
                pass.Refused = cursor with { Next = null };
                cursor = cursor with { Next = null };
                continue;
            }

            if (cursor.Next is not null && Repeats(previous, page))
            {
                throw new TaxiiClientException(0,
                    $"The server answered 'next' {cursor.Next} with the page it had just sent ({page.Objects.Count} objects): the pull stops rather than read it forever.");
            }

            previous = page;
            if (page.Objects.Count == 0)
            {
                // Nothing to store: the end, even if the server says more (a server that pages through nothing is not followed).
                var end = page.More ? new TaxiiCursor(cursor.AddedAfter, Resumable(sent, page.Next)) : new TaxiiCursor(await pass.NewestAsync(this, collection, cursor.AddedAfter, cancellationToken), null);
                yield return new TaxiiPulledPage(page, end, true);
                yield break;
            }

            pass.Saw(page);
            if (page.More && page.Next is not null)
            {
                cursor = cursor with { Next = page.Next };
                yield return new TaxiiPulledPage(page, new TaxiiCursor(cursor.AddedAfter, Resumable(sent, page.Next)), false);
            }
            else if (page.More)
            {
                cursor = new TaxiiCursor(await BeforeLastInstantAsync(collection, page, cursor, cancellationToken), null);
                yield return new TaxiiPulledPage(page, cursor, false);
            }
            else if (!moreGiven && page.Next is not null
                && await ProbeAsync(collection, options, cursor with { Next = page.Next }, page, cancellationToken) is { } probed)
            {
                // 'next' without 'more' led to more objects: this page was not the last. The page after it was read
                // before this one is handed over, so the cursor given with the last page always knows its newest date.
                cursor = cursor with { Next = page.Next };
                ahead = probed;
                yield return new TaxiiPulledPage(page, new TaxiiCursor(cursor.AddedAfter, Resumable(sent, page.Next)), false);
            }
            else
            {
                yield return new TaxiiPulledPage(page, new TaxiiCursor(await pass.NewestAsync(this, collection, cursor.AddedAfter, cancellationToken), null), true);
                yield break;
            }
        }
    }

    /// <summary>
    /// Follows a <c>next</c> given without <c>more</c>: the page after, or null when there is none (an empty page, a
    /// refused token or the same page again: the server meant <c>more</c> false, as an absent <c>more</c> says).
    /// </summary>
    private async Task<(TaxiiObjectsPage, bool)?> ProbeAsync(Uri collection, TaxiiReadOptions options, TaxiiCursor cursor, TaxiiObjectsPage page, CancellationToken cancellationToken)
    {
        try
        {
            var (after, moreGiven) = await ReadEnvelopeAsync(collection, options with { AddedAfter = cursor.AddedAfter }, cursor.Next, cancellationToken);
            return after.Objects.Count == 0 || Repeats(page, after) ? null : (after, moreGiven);
        }
        catch (TaxiiClientException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where to continue after a page that says <c>more</c> without <c>next</c>: one microsecond before its last
    /// <c>date_added</c>, so that instant's other objects are read too. Fails when that does not move the cursor on.
    /// </summary>
    private async Task<DateTimeOffset> BeforeLastInstantAsync(Uri collection, TaxiiObjectsPage page, TaxiiCursor cursor, CancellationToken cancellationToken)
    {
        var last = page.DateAddedLast ?? await DateAddedOfAsync(collection, page.Objects[^1], cancellationToken)
            ?? throw new TaxiiClientException(0,
                "The server said more objects follow but gave no 'next', and neither X-TAXII-Date-Added-Last nor its manifest tells when the page's last object was added: there is no way to ask for the rest.");
        var before = Microseconds(last).AddTicks(-TimeSpan.TicksPerMicrosecond);
        if (cursor.AddedAfter is { } after && before <= Microseconds(after))
        {
            throw new TaxiiClientException(0, before < Microseconds(after)
                ? $"The server sent objects added at {Format(last)}, not after added_after {Format(after)}: it does not honour added_after, so the pull cannot move on."
                : $"At least {page.Objects.Count} objects (a whole page) share date_added {Format(last)} and the server gives no 'next': added_after cannot ask for the rest of that instant (it was read again once from just before it).");
        }

        return before;
    }

    /// <summary>When an object was added, from the collection's manifest (T 5.3), for a server that sends no date headers; null if it does not say.</summary>
    private async Task<DateTimeOffset?> DateAddedOfAsync(Uri collection, ReadOnlyMemory<byte> stixObject, CancellationToken cancellationToken)
    {
        string? id;
        DateTimeOffset? version;
        using (var doc = JsonDocument.Parse(stixObject))
        {
            id = Text(doc.RootElement, "id");
            version = Time(Text(doc.RootElement, "modified") ?? Text(doc.RootElement, "created"));
        }

        if (id is null)
        {
            return null;
        }

        try
        {
            using var manifest = await GetJsonAsync(new Uri(Slash(collection), $"manifest/?match[id]={Uri.EscapeDataString(id)}&match[version]=all"), cancellationToken);
            var added = !manifest.RootElement.TryGetProperty("objects", out var records) ? [] : records.EnumerateArray()
                .Where(r => Text(r, "id") == id && (version is null || Time(Text(r, "version")) == version))
                .Select(r => Time(Text(r, "date_added"))).OfType<DateTimeOffset>().ToList();

            // Without a version to match, the earliest: reading some objects again is better than skipping one.
            return added.Count == 0 ? null : added.Min();
        }
        catch (Exception ex) when (ex is TaxiiClientException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The token a cursor may carry: only one the server gave in answer to another token. A server that answers with
    /// the token it was sent (medallion: one per pass, the position kept on its side, popped as pages are served) would,
    /// after a restart between reading a page and storing it, serve the page after the lost one; so would a first token
    /// if it is such a one. Without a token a restart reads the pass again from its <c>added_after</c>.
    /// </summary>
    private static string? Resumable(string? sent, string? next) => sent is not null && next != sent ? next : null;

    private static bool Repeats(TaxiiObjectsPage? previous, TaxiiObjectsPage page) =>
        previous is not null && page.Objects.Count > 0 && previous.Objects.Count == page.Objects.Count
        && previous.Objects[0].Span.SequenceEqual(page.Objects[0].Span) && previous.Objects[^1].Span.SequenceEqual(page.Objects[^1].Span);

    private static DateTimeOffset Microseconds(DateTimeOffset t) => t.AddTicks(-(t.UtcTicks % TimeSpan.TicksPerMicrosecond));

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string Format(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) ?? "(none)";

    /// <summary>What a pass has read: the newest <c>date_added</c> the server told, and the last object it did not date.</summary>
    private sealed class PassState
    {
        private DateTimeOffset? _newest;
        private ReadOnlyMemory<byte>? _undated;

        /// <summary>Where the pass was read again after the server refused its 'next' (once per <c>added_after</c>).</summary>
        public TaxiiCursor? Refused { get; set; }

        public void Saw(TaxiiObjectsPage page)
        {
            if (page.DateAddedLast is { } last)
            {
                _newest = _newest is { } n && n > last ? n : last;
                _undated = null;
            }
            else
            {
                _undated = page.Objects[^1];
            }
        }

        /// <summary>Where the next pass starts: the newest <c>date_added</c> read, never before <paramref name="after"/>.</summary>
        public async Task<DateTimeOffset?> NewestAsync(TaxiiClient client, Uri collection, DateTimeOffset? after, CancellationToken cancellationToken)
        {
            var newest = _newest;
            if (_undated is { } undated && await client.DateAddedOfAsync(collection, undated, cancellationToken) is { } added && (newest is null || added > newest))
            {
                newest = added;
            }

            return newest is { } n && (after is null || n > after) ? n : after;
        }
    }
}
