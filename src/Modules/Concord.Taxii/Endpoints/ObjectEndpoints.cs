using System.Text.Json;
using Concord.Access;
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

/// <summary>Get Objects (T 5.4) and Get an Object (T 5.6): envelopes of the objects' exact stored bytes.</summary>
internal static class ObjectEndpoints
{
    public static void MapObjectReadEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/{root}/collections/{collection}/objects/", GetObjects);
        group.MapGet("/{root}/collections/{collection}/objects/{objectId}/", GetObject);
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> GetObjects(
        string root, string collection, HttpContext http, TaxiiCatalog catalog, ITaxiiObjectSource source, IOptions<TaxiiOptions> options,
        IEnumerable<ITaxiiPeerEnvelope> peerEnvelopes, CancellationToken cancellationToken)
    {
        var (read, error) = ReadRequest.Open(http, catalog, root, collection, FilterSet.Collection, options.Value.MaxPageSize);
        if (read is null)
        {
            return error!;
        }

        var (principal, found, filters) = read;

        var page = await PageReader.ReadAsync(source, principal, found, filters, null, false, true, cancellationToken);
        var extras = new List<Action<Utf8JsonWriter>>();
        if (principal.Kind == PrincipalKind.PeerNode)
        {
            foreach (var envelope in peerEnvelopes)
            {
                extras.Add(await envelope.DescribeAsync(principal, page.Items, cancellationToken));
            }
        }

        return Envelope(page, extras);
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> GetObject(
        string root, string collection, string objectId, HttpContext http, TaxiiCatalog catalog, ITaxiiObjectSource source, IOptions<TaxiiOptions> options, CancellationToken cancellationToken)
    {
        var (read, error) = ReadRequest.Open(http, catalog, root, collection, FilterSet.Object, options.Value.MaxPageSize);
        if (read is null)
        {
            return error!;
        }

        var (principal, found, filters) = read;

        var page = await PageReader.ReadAsync(source, principal, found, filters, objectId, false, true, cancellationToken);
        if (page.Items.Count == 0 && filters.IsUnbounded)
        {
            return TaxiiError.NotFound("The object");
        }

        return Envelope(page, []);
    }

    private static TaxiiOk Envelope(TaxiiReadPage page, List<Action<Utf8JsonWriter>> extras) => new(w =>
    {
        w.WriteStartObject();
        if (page.More)
        {
            w.WriteBoolean("more", true);
            w.WriteString("next", page.Next);
        }

        if (page.Items.Count > 0)
        {
            w.WriteStartArray("objects");
            foreach (var item in page.Items)
            {
                w.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }

            w.WriteEndArray();
        }

        foreach (var extra in extras)
        {
            extra(w);
        }

        w.WriteEndObject();
    })
    {
        DateAdded = page.DateAdded,
    };
}
