using System.Text.Json;
using Concord.Stix;

namespace Concord.Taxii.Client;

/// <summary>Running totals of a push.</summary>
public sealed record TaxiiPushProgress(long Objects, long Succeeded, long Failed, long BytesSent);

/// <summary>The outcome of a push: counts and every failure the server reported.</summary>
public sealed record TaxiiPushResult(long Objects, long Succeeded, long Failed, IReadOnlyList<TaxiiStatusDetail> Failures);

/// <summary>
/// Pushes a STIX bundle (or envelope) to a collection: read with the streaming bundle reader, sent as envelopes no
/// larger than the API root's <c>max_content_length</c>, each status polled until complete. Memory is one envelope.
/// </summary>
public static class TaxiiPush
{
    public static async Task<TaxiiPushResult> RunAsync(
        TaxiiClient client, Uri collection, Stream bundle, int maxObjects, IProgress<TaxiiPushProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var apiRoot = TaxiiClient.ApiRootOf(collection);
        var info = await client.GetApiRootAsync(apiRoot, cancellationToken);
        var maxBytes = Math.Min(info.MaxContentLength > 0 ? info.MaxContentLength : long.MaxValue, 16L * 1024 * 1024) - 64;
        var failures = new List<TaxiiStatusDetail>();
        long objects = 0, succeeded = 0, failed = 0, sent = 0;
        var buffer = new MemoryStream();
        var count = 0;

        async Task FlushAsync()
        {
            if (count == 0)
            {
                return;
            }

            buffer.Write("]}"u8);
            var status = await client.AddObjectsAsync(collection, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
            status = await client.WaitForStatusAsync(apiRoot, status, TimeSpan.FromMilliseconds(500), null, cancellationToken);
            sent += buffer.Length;
            succeeded += status.Succeeded;
            failed += status.Failed;
            failures.AddRange(status.Failures);
            buffer.SetLength(0);
            count = 0;
            progress?.Report(new TaxiiPushProgress(objects, succeeded, failed, sent));
        }

        await foreach (var entry in StixBundleReader.ReadAsync(bundle, null, cancellationToken))
        {
            if (entry.Error is { } error && entry.Index < 0)
            {
                throw new JsonException($"{entry.Path}: {error.Message}");
            }

            if (entry.Utf8Json.IsEmpty)
            {
                objects++;
                failed++;
                failures.Add(new TaxiiStatusDetail(entry.Path, "", entry.Error?.Message));
                continue;
            }

            if (count > 0 && (count >= maxObjects || buffer.Length + entry.Utf8Json.Length + 2 > maxBytes))
            {
                await FlushAsync();
            }

            buffer.Write(count == 0 ? "{\"objects\":["u8 : ","u8);
            buffer.Write(entry.Utf8Json.Span);
            count++;
            objects++;
        }

        await FlushAsync();
        return new TaxiiPushResult(objects, succeeded, failed, failures);
    }
}
