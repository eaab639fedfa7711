using System.Text.Json;
using Concord.Stix;

namespace Concord.Intel.Features.Import;

/// <summary>One element of a bundle's <c>objects</c>: its index and exact bytes, or why it could not be read.</summary>
internal sealed record BundleEntry(int Index, ReadOnlyMemory<byte> Utf8Json, StixIssue? Error);

/// <summary>Adapts the STIX library's bundle reader to the ingest pipeline.</summary>
internal static class BundleEntries
{
    public static async IAsyncEnumerable<BundleEntry> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonDocument? document = null;
        string? syntax = null;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            syntax = ex.Message;
        }

        if (document is null)
        {
            yield return new BundleEntry(-1, default, StixIssue.Error("$", "json-syntax", syntax ?? "Malformed JSON."));
            yield break;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
            {
                yield return new BundleEntry(-1, default, StixIssue.Error("$", "not-a-bundle", "The input is not a STIX bundle with an 'objects' array."));
                yield break;
            }

            var index = 0;
            foreach (var element in objects.EnumerateArray())
            {
                yield return new BundleEntry(index++, JsonSerializer.SerializeToUtf8Bytes(element), null);
            }
        }
    }
}
