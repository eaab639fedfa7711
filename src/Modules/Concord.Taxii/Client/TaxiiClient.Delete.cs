namespace Concord.Taxii.Client;

public sealed partial class TaxiiClient
{
    /// <summary>
    /// Deletes an object from a collection (T 5.7): the versions <paramref name="version"/> names
    /// (<c>match[version]</c>: a STIX timestamp, <c>all</c>, …; null: the server's default). A server's refusal — the
    /// object unknown (404), deleting not supported (405, 501) or not allowed (403) — throws
    /// <see cref="TaxiiClientException"/> with its status.
    /// </summary>
    public async Task DeleteObjectAsync(Uri collection, string id, string? version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var query = version is null ? "" : "?match[version]=" + Uri.EscapeDataString(version);
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(Slash(collection), $"objects/{Uri.EscapeDataString(id)}/{query}"));
        request.Headers.Accept.ParseAdd(MediaType);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The error body, when the server gave a TAXII one, says why.
            using var error = await ReadAsync(response, cancellationToken);
        }
    }
}
