using Concord.Access;
using Concord.Intel;
using Concord.Platform;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Features.Query;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Endpoints;

/// <summary>Delete an Object (T 5.7): the owner organisation's versions go, a tombstone stays for federation.</summary>
internal static class DeleteEndpoints
{
    public static void MapDeleteEndpoints(this IEndpointRouteBuilder group) =>
        group.MapDelete("/{root}/collections/{collection}/objects/{objectId}/", Delete);

    internal static async Task<Results<TaxiiEmpty, TaxiiError>> Delete(
        string root, string collection, string objectId, HttpContext http, TaxiiCatalog catalog, ITaxiiObjectSource source,
        IIntelStore store, IOptions<TaxiiOptions> options, CancellationToken cancellationToken)
    {
        var principal = TaxiiRequestFilter.PrincipalOf(http);

        // T 5.7's matrix: no read and no write -> 404; read without write -> 403 (write implies read here).
        if (CollectionEndpoints.Find(catalog, principal, root, collection) is not { } found)
        {
            return TaxiiError.NotFound("The collection");
        }

        if (!found.CanWrite(principal))
        {
            return TaxiiError.Forbidden("You may read this collection but not delete from it.");
        }

        var (filters, error) = FilterParser.Parse(http.Request, FilterSet.Delete, options.Value.MaxPageSize);
        if (error is not null)
        {
            return error;
        }

        if (!await source.ExistsAsync(principal, found.View, objectId, cancellationToken))
        {
            return TaxiiError.NotFound("The object");
        }

        // Without match[version], every version goes. A selection that keeps some versions is refused: the store
        // deletes whole objects (with one tombstone), so a partial delete would have to be a different operation.
        if (!await SelectsEveryVersionAsync(source, principal, found, filters!, objectId, cancellationToken))
        {
            return TaxiiError.Unprocessable("partial-delete", "This server deletes every version of an object at once; match[version] and match[spec_version] must select them all (or be left out).", "match[version]");
        }

        var deleted = await store.DeleteAsync(principal, objectId, cancellationToken);
        if (deleted.IsSuccess)
        {
            return new TaxiiEmpty();
        }

        return deleted.Error!.Kind == ErrorKind.NotFound
            ? TaxiiError.Forbidden("Only the organisation that owns an object may delete it.")
            : TaxiiError.Forbidden(deleted.Error.Message);
    }

    private static async Task<bool> SelectsEveryVersionAsync(
        ITaxiiObjectSource source, Principal principal, TaxiiCollection collection, TaxiiFilters filters, string objectId, CancellationToken cancellationToken)
    {
        if (!filters.VersionGiven && filters.SpecVersions is null)
        {
            return true;
        }

        var all = await source.ReadAsync(principal, new TaxiiQuery { View = collection.View, Ids = [objectId], AllVersions = true, WithJson = false, Limit = 10_000 }, cancellationToken);
        var selected = await source.ReadAsync(principal, new TaxiiQuery
        {
            View = collection.View,
            Ids = [objectId],
            AllVersions = filters.AllVersions || !filters.VersionGiven,
            Last = filters.Last,
            First = filters.First,
            VersionTimestamps = filters.VersionTimestamps,
            SpecVersions = filters.SpecVersions,
            WithJson = false,
            Limit = 10_000,
        }, cancellationToken);
        return selected.Items.Count == all.Items.Count;
    }
}
