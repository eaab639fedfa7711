using Concord.Taxii.Features.Collections;
using Concord.Taxii.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Endpoints;

/// <summary>Server Discovery (T 4.1) and Get API Root Information (T 4.2).</summary>
internal static class ServerEndpoints
{
    public static void MapServerEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/", Discovery);
        group.MapGet("/{root}/", ApiRoot);
    }

    internal static TaxiiOk Discovery(TaxiiCatalog catalog, IOptions<TaxiiOptions> options)
    {
        var settings = options.Value;
        return new TaxiiOk(w =>
        {
            w.WriteStartObject();
            w.WriteString("title", settings.Title);
            WriteIfPresent(w, "description", settings.Description);
            WriteIfPresent(w, "contact", settings.Contact);
            if (catalog.Roots.FirstOrDefault(r => r.IsDefault) is { } root)
            {
                w.WriteString("default", Url(root));
            }

            if (catalog.Roots.Count > 0)
            {
                w.WriteStartArray("api_roots");
                catalog.Roots.ForEach(r => w.WriteStringValue(Url(r)));
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    internal static Results<TaxiiOk, TaxiiError> ApiRoot(string root, TaxiiCatalog catalog, IOptions<TaxiiOptions> options)
    {
        if (catalog.Find(root) is not { } apiRoot)
        {
            return TaxiiError.NotFound("The API root");
        }

        return new TaxiiOk(w =>
        {
            w.WriteStartObject();
            w.WriteString("title", apiRoot.Title);
            WriteIfPresent(w, "description", apiRoot.Description);
            w.WriteStartArray("versions");
            w.WriteStringValue(TaxiiMediaTypes.Taxii21);
            w.WriteEndArray();
            w.WriteNumber("max_content_length", options.Value.MaxContentLength);
            w.WriteEndObject();
        });
    }

    internal static void WriteIfPresent(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    // Relative URLs starting with a single '/', as T 4.1.1 allows: right behind any proxy that keeps the path.
    private static string Url(TaxiiApiRoot root) => $"/taxii2/{root.Name}/";
}
