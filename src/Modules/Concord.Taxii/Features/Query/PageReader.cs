using Concord.Access;
using Concord.Intel;
using Concord.Taxii.Features.Collections;

namespace Concord.Taxii.Features.Query;

/// <summary>A page of one collection for one principal, with the <c>next</c> token when more follows.</summary>
internal sealed record TaxiiReadPage(IReadOnlyList<TaxiiRecord> Items, bool More, string? Next)
{
    public (DateTimeOffset, DateTimeOffset)? DateAdded => Items.Count > 0 ? (Items[0].DateAdded, Items[^1].DateAdded) : null;
}

internal static class PageReader
{
    public static async Task<TaxiiReadPage> ReadAsync(
        ITaxiiObjectSource source, Principal principal, TaxiiCollection collection, TaxiiFilters filters,
        string? objectId, bool allVersions, bool withJson, CancellationToken cancellationToken)
    {
        // One record past the page, to see whether the page would end inside a run of equal date_added.
        var query = new TaxiiQuery
        {
            View = collection.View,
            Ids = objectId is not null ? [objectId] : filters.Ids,
            Types = filters.Types,
            AllVersions = allVersions || filters.AllVersions,
            Last = filters.Last,
            First = filters.First,
            VersionTimestamps = filters.VersionTimestamps,
            SpecVersions = filters.SpecVersions,
            AddedAfter = filters.AddedAfter,
            AfterSequence = filters.After,
            Limit = filters.Limit + 1,
            WithJson = withJson,

            // A peer node holds each organisation's copy as its own record (and learns its owner from the envelope).
            AllCopies = principal.Kind == PrincipalKind.PeerNode,
        };
        var read = await source.ReadAsync(principal, query, cancellationToken);
        var items = read.Items;
        var more = read.More || items.Count > filters.Limit;
        if (items.Count > filters.Limit)
        {
            items = EndAtDateAddedBoundary(items, filters.Limit);
        }

        // Always give 'next' with 'more' (taxii2-client's as_pages() follows only 'next').
        var next = more && items.Count > 0 ? filters.Tokens!.Write(items[^1].Sequence, filters.Fingerprint) : null;
        return new TaxiiReadPage(items, more, next);
    }

    /// <summary>
    /// The first <paramref name="limit"/> records, less a trailing run that shares its <c>date_added</c> with the record
    /// after the page. Objects committed together share one <c>date_added</c> (so its gaps count nothing hidden); ending
    /// a page between two of them would make a client that pages with <c>added_after</c> = the last <c>date_added</c>
    /// (instead of <c>next</c>) skip the rest. When the whole page is one run it cannot be split that way: it stays whole,
    /// and only <c>next</c> pages through it.
    /// </summary>
    private static IReadOnlyList<TaxiiRecord> EndAtDateAddedBoundary(IReadOnlyList<TaxiiRecord> items, int limit)
    {
        var after = items[limit].DateAdded;
        var end = limit;
        while (end > 0 && items[end - 1].DateAdded == after)
        {
            end--;
        }

        return items.Take(end > 0 ? end : limit).ToList();
    }
}
