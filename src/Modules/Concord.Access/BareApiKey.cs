using Microsoft.AspNetCore.Http;

namespace Concord.Access;

/// <summary>
/// Endpoint metadata: the endpoint also accepts an API key sent as the whole <c>Authorization</c> header, with no scheme
/// (<c>Authorization: ck_…</c>). PyMISP and MISP's own tools send keys that way; the MISP-compatible routes carry this,
/// and nothing else does, so the rest of the API keeps the one documented form (<c>Bearer</c>).
/// </summary>
public sealed class BareApiKey
{
    public static BareApiKey Accepted { get; } = new();

    private BareApiKey()
    {
    }

    /// <summary>The key, when the endpoint accepts a bare key and the header holds one (the same format as any API key).</summary>
    internal static string? Read(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString().Trim();
        return Authentication.ApiKeyFormat.LooksLikeKey(header) && context.GetEndpoint()?.Metadata.GetMetadata<BareApiKey>() is not null
            ? header
            : null;
    }
}
