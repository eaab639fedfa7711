using Concord.Access;
using Concord.Taxii.Features.Collections;
using Concord.Taxii.Features.Status;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Endpoints;

/// <summary>Add Objects (T 5.5) and Get Status (T 4.3).</summary>
internal static class WriteEndpoints
{
    public static void MapWriteEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/{root}/collections/{collection}/objects/", AddObjects);

        // taxii2-client polls the status without the trailing slash; routing serves both forms.
        group.MapGet("/{root}/status/{statusId}/", GetStatus);
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> AddObjects(
        string root, string collection, HttpContext http, TaxiiCatalog catalog, AddObjects adder, IOptions<TaxiiOptions> options, CancellationToken cancellationToken)
    {
        var principal = TaxiiRequestFilter.PrincipalOf(http);
        if (CollectionEndpoints.Find(catalog, principal, root, collection) is not { } found)
        {
            return TaxiiError.NotFound("The collection");
        }

        if (!found.CanWrite(principal))
        {
            return TaxiiError.Forbidden("You may read this collection but not add objects to it (role analyst or higher, and a writable collection).");
        }

        if (!TaxiiMediaTypes.IsTaxii21(http.Request.ContentType))
        {
            return TaxiiError.UnsupportedMediaType();
        }

        var max = options.Value.MaxContentLength;
        if (http.Request.ContentLength > DrainBound(max))
        {
            return TaxiiError.TooLarge(max);
        }

        var body = await ReadBodyAsync(http, max, cancellationToken);
        if (body is null)
        {
            return TaxiiError.TooLarge(max);
        }

        var (status, error) = await adder.AddAsync(principal, root, found, body.Value, cancellationToken);
        return error is not null ? error : StatusWriter.Write(status!, StatusCodes.Status202Accepted);
    }

    internal static async Task<Results<TaxiiOk, TaxiiError>> GetStatus(
        string root, string statusId, HttpContext http, TaxiiCatalog catalog, AddObjects adder, CancellationToken cancellationToken)
    {
        var principal = TaxiiRequestFilter.PrincipalOf(http);
        if (catalog.Find(root) is null || !Guid.TryParse(statusId, out var id) || !principal.IsAuthenticated)
        {
            return TaxiiError.NotFound("The status");
        }

        var status = await adder.FindAsync(principal, root, id, cancellationToken);
        return status is null ? TaxiiError.NotFound("The status") : StatusWriter.Write(status, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The body, or null when it is larger than <paramref name="max"/>. The payload is counted here, not by Kestrel's
    /// request limit, which also counts a chunked body's framing (a body just under the limit tripped it, and answered
    /// 500). Past the limit the rest is read and dropped, up to <see cref="DrainBound"/>, so a client still sending gets
    /// the 413 instead of a connection cut under it; a body larger still is cut (Kestrel's limit, framing allowed for).
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, long max, CancellationToken cancellationToken)
    {
        var bound = DrainBound(max);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bound > long.MaxValue / 8 ? null : bound * 8;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                total += read;
                if (total > bound)
                {
                    return null;
                }

                if (total <= max)
                {
                    await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        if (total > max)
        {
            return null;
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>How much of an oversized body is read (and dropped) before the 413: the limit again, at least 64 MiB.</summary>
    private static long DrainBound(long max) => max + Math.Max(max, 64L * 1024 * 1024);
}
