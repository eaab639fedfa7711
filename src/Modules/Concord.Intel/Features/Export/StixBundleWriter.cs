using System.Text.Json;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Writes a STIX 2.1 bundle as objects arrive: each object's stored bytes as they are, then the identities and marking
/// definitions they reference that <c>resolve</c> answers for (the reader may read them), then what those reference in
/// turn (a marking's creator), until nothing new is named.
/// </summary>
internal static class StixBundleWriter
{
    /// <summary>Objects between flushes: bounds what the writer buffers.</summary>
    private const int FlushEvery = 500;

    public static async Task<ExportSummary> WriteAsync(
        IAsyncEnumerable<StoredStixObject> objects,
        Func<string, CancellationToken, Task<ReadOnlyMemory<byte>?>> resolve,
        Stream output,
        CancellationToken cancellationToken)
    {
        var references = new References();
        long count = 0;
        long referenced = 0;
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", $"bundle--{Guid.NewGuid():D}");
        writer.WriteStartArray("objects");
        await foreach (var stored in objects.WithCancellation(cancellationToken))
        {
            writer.WriteRawValue(stored.Json.Span, skipInputValidation: true);
            references.Add(stored.Id, stored.Type, stored.Json.Span);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        for (var missing = references.TakeMissing(); missing.Count > 0; missing = references.TakeMissing())
        {
            foreach (var id in missing)
            {
                if (await resolve(id, cancellationToken) is { } json)
                {
                    writer.WriteRawValue(json.Span, skipInputValidation: true);
                    references.Add(id, id[..id.IndexOf("--", StringComparison.Ordinal)], json.Span);
                    referenced++;
                }
            }

            await writer.FlushAsync(cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return new ExportSummary(count, referenced);
    }
}
