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

        // The versions this request names, as this collection shows them (so "first" and "last" mean what a read of the
        // collection would answer). Without match[version] the object goes: every version the collection shows.
        var versions = await SelectedVersionsAsync(source, principal, found, filters!, objectId, cancellationToken);
        if (versions.Count == 0)
        {
            return TaxiiError.NotFound("The object version");
        }

        // An SCO has one version and no timestamp: deleting it deletes the object.
        var deleted = versions.Contains(null)
            ? await store.DeleteAsync(principal, objectId, cancellationToken)
            : await store.DeleteVersionsAsync(principal, objectId, versions.OfType<string>().ToList(), cancellationToken);
        if (deleted.IsSuccess)
        {
            return new TaxiiEmpty();
        }

        return deleted.Error!.Kind switch
        {
            ErrorKind.NotFound => TaxiiError.NotFound("The object version"),
            _ => TaxiiError.Forbidden(deleted.Error.Message),
        };
    }

    private static async Task<List<string?>> SelectedVersionsAsync(
        ITaxiiObjectSource source, Principal principal, TaxiiCollection collection, TaxiiFilters filters, string objectId, CancellationToken cancellationToken)
    {
        var query = new TaxiiQuery
        {
            View = collection.View,
            Ids = [objectId],
            AllVersions = filters.AllVersions || !filters.VersionGiven,
            Last = filters.Last,
            First = filters.First,
            VersionTimestamps = filters.VersionTimestamps,
            SpecVersions = filters.SpecVersions,
            WithJson = false,
            Limit = 1000,
        };
        var versions = new List<string?>();
        while (true)
        {
            var page = await source.ReadAsync(principal, query, cancellationToken);
            versions.AddRange(page.Items.Select(r => r.Version));
            if (!page.More)
            {
                return versions;
            }

            query = query with { AfterSequence = page.Items[^1].Sequence };
        }
    }
}
