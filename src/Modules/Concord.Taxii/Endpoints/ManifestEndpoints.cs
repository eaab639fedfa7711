using Concord.Intel;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Features.Query;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Endpoints;

/// <summary>Get Object Manifests (T 5.3) and Get Object Versions (T 5.8): the same pages, without the objects' bodies.</summary>
internal static class ManifestEndpoints
{
    public static void MapManifestEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{root}/collections/{collection}/manifest/", GetManifest);
        group.MapGet("/{root}/collections/{collection}/objects/{objectId}/versions/", GetVersions);
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> GetManifest(
        string root, string collection, HttpContext http, TaxiiCatalog catalog, ITaxiiObjectSource source, IOptions<TaxiiOptions> options, CancellationToken cancellationToken)
    {
        var (read, error) = ReadRequest.Open(http, catalog, root, collection, FilterSet.Collection, options.Value.MaxPageSize);
        if (read is null)
        {
            return error!;
        }

        var (principal, found, filters) = read;

        var page = await PageReader.ReadAsync(source, principal, found, filters, null, false, false, cancellationToken);
        return new TaxiiOk(w =>
        {
            w.WriteStartObject();
            WriteMore(w, page);
            if (page.Items.Count > 0)
            {
                w.WriteStartArray("objects");
                foreach (var item in page.Items)
                {
                    w.WriteStartObject();
                    w.WriteString("id", item.Id);
                    w.WriteString("date_added", TaxiiTime.Format(item.DateAdded));
                    w.WriteString("version", VersionOf(item));
                    w.WriteString("media_type", TaxiiMediaTypes.Stix21);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        })
        {
            DateAdded = page.DateAdded,
        };
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> GetVersions(
        string root, string collection, string objectId, HttpContext http, TaxiiCatalog catalog, ITaxiiObjectSource source, IOptions<TaxiiOptions> options, CancellationToken cancellationToken)
    {
        var (read, error) = ReadRequest.Open(http, catalog, root, collection, FilterSet.Versions, options.Value.MaxPageSize);
        if (read is null)
        {
            return error!;
        }

        var (principal, found, filters) = read;

        var page = await PageReader.ReadAsync(source, principal, found, filters, objectId, true, false, cancellationToken);
        if (page.Items.Count == 0 && filters.IsUnbounded)
        {
            return TaxiiError.NotFound("The object");
        }

        return new TaxiiOk(w =>
        {
            w.WriteStartObject();
            WriteMore(w, page);
            if (page.Items.Count > 0)
            {
                w.WriteStartArray("versions");
                foreach (var item in page.Items)
                {
                    w.WriteStringValue(VersionOf(item));
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        })
        {
            DateAdded = page.DateAdded,
        };
    }

    /// <summary>
    /// <c>modified</c>, else <c>created</c> (as written); an object with neither (an SCO) has one version, named by its
    /// <c>date_added</c>, which never changes (the "server-consistent value" of T 5.3.1).
    /// </summary>
    internal static string VersionOf(TaxiiRecord record) => record.Version ?? TaxiiTime.Format(record.DateAdded);

    private static void WriteMore(System.Text.Json.Utf8JsonWriter w, TaxiiReadPage page)
    {
        if (page.More)
        {
            w.WriteBoolean("more", true);
            w.WriteString("next", page.Next);
        }
    }
}
