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
            Limit = filters.Limit,
            WithJson = withJson,
        };
        var page = await source.ReadAsync(principal, query, cancellationToken);

        // Always give 'next' with 'more' (taxii2-client's as_pages() follows only 'next').
        var next = page.More && page.Items.Count > 0 ? PageToken.Write(page.Items[^1].Sequence, filters.Fingerprint) : null;
        return new TaxiiReadPage(page.Items, page.More, next);
    }
}
