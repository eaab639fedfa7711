using Concord.Access;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Taxii.Endpoints;

/// <summary>Get Collections (T 5.1) and Get a Collection (T 5.2). A collection the caller may not read is hidden: 404.</summary>
internal static class CollectionEndpoints
{
    public static void MapCollectionEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{root}/collections/", List);
        group.MapGet("/{root}/collections/{collection}/", Get);
    }

    internal static Results<TaxiiOk, TaxiiError> List(string root, HttpContext http, TaxiiCatalog catalog)
    {
        if (catalog.Find(root) is not { } apiRoot)
        {
            return TaxiiError.NotFound("The API root");
        }

        var principal = TaxiiRequestFilter.PrincipalOf(http);
        var readable = apiRoot.Collections.Where(c => c.CanRead(principal)).ToList();
        return new TaxiiOk(w =>
        {
            w.WriteStartObject();
            if (readable.Count > 0)
            {
                w.WriteStartArray("collections");
                readable.ForEach(c => Write(w, c, principal));
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    internal static Results<TaxiiOk, TaxiiError> Get(string root, string collection, HttpContext http, TaxiiCatalog catalog)
    {
        var principal = TaxiiRequestFilter.PrincipalOf(http);
        if (Find(catalog, principal, root, collection) is not { } found)
        {
            return TaxiiError.NotFound("The collection");
        }

        return new TaxiiOk(w => Write(w, found, principal));
    }

    /// <summary>The collection if it exists and <paramref name="principal"/> may read it; otherwise null (answered as 404).</summary>
    internal static TaxiiCollection? Find(TaxiiCatalog catalog, Principal principal, string root, string collection) =>
        catalog.Find(root)?.Find(collection) is { } found && found.CanRead(principal) ? found : null;

    private static void Write(System.Text.Json.Utf8JsonWriter w, TaxiiCollection c, Principal principal)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        ServerEndpoints.WriteIfPresent(w, "description", c.Description);
        ServerEndpoints.WriteIfPresent(w, "alias", c.Alias);
        w.WriteBoolean("can_read", true);
        w.WriteBoolean("can_write", c.CanWrite(principal));
        w.WriteStartArray("media_types");
        w.WriteStringValue(TaxiiMediaTypes.Stix21);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
