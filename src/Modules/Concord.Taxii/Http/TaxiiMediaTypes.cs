using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Concord.Taxii.Http;

/// <summary>The TAXII media type (T 1.6.8) and the Accept / Content-Type rules of T 3.1.</summary>
internal static class TaxiiMediaTypes
{
    public const string Taxii21 = "application/taxii+json;version=2.1";

    public const string Stix21 = "application/stix+json;version=2.1";

    /// <summary>
    /// True when some media range with q &gt; 0 covers TAXII 2.1: <c>application/taxii+json</c> with no version (the
    /// newest the server speaks) or <c>version=2.1</c>, or a wildcard. A missing Accept header accepts anything.
    /// </summary>
    public static bool Accepts(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return false;
        }

        return ranges.Any(r => (r.Quality ?? 1) > 0 && Covers(r));
    }

    /// <summary>True for <c>application/taxii+json</c> with no version or <c>version=2.1</c> (parameters in any order, any spacing).</summary>
    public static bool IsTaxii21(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var value) && IsTaxii(value);

    private static bool Covers(MediaTypeHeaderValue range) =>
        range.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase)
        || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
        || IsTaxii(range);

    private static bool IsTaxii(MediaTypeHeaderValue value)
    {
        if (!value.MediaType.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var version = value.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase));
        return version is null || version.Value.Equals("2.1", StringComparison.Ordinal);
    }
}
