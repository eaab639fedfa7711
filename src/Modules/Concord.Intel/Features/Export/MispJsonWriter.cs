using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.Misp;

namespace Concord.Intel.Features.Export;

/// <summary>
/// Writes an export as MISP JSON, an API export MISP and Concord import (<c>{"response": [{"Event": …}, …]}</c>): each
/// report or grouping among the objects becomes an event with the objects it references, and the objects no exported
/// report references become one "Concord export" event per <see cref="ChunkSize"/> objects (so memory stays bounded).
/// Everything is read through <paramref name="store"/> as the reader: an event lists only what the reader may read.
/// </summary>
internal static class MispJsonWriter
{
    public const int ChunkSize = 1000;

    private static readonly string[] Omitted = ["report", "grouping", "identity", "marking-definition", "note"];
    private static readonly string[] ReferenceProperties = ["created_by_ref", "where_sighted_refs", "object_refs", "src_ref", "dst_ref", "resolves_to_refs", "parent_directory_ref", "content_ref", "from_ref", "to_refs"];

    public static async Task<ExportSummary> WriteAsync(
        IIntelStore store, Principal principal, ObjectQuery query, Stream output, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        long events = 0;
        long objects = 0;
        var others = false;
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteStartArray("response");
        await foreach (var stored in store.StreamAsync(principal, query, cancellationToken))
        {
            objects++;
            if (stored.Type is not ("report" or "grouping"))
            {
                others |= !Omitted.Contains(stored.Type);
                continue;
            }

            var report = Item(stored);
            referenced.Add(report.Id);
            var members = new Dictionary<string, MispExportItem>(StringComparer.Ordinal);
            await ResolveAsync(store, principal, report.Strings("object_refs"), members, cancellationToken);
            referenced.UnionWith(members.Keys);
            await WriteEventAsync(writer, store, principal, report, [.. members.Values], string.Empty, now, cancellationToken);
            events++;
        }

        if (others)
        {
            events += await WriteOthersAsync(writer, store, principal, query, referenced, now, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return new ExportSummary(objects, events);
    }

    /// <summary>The objects no exported report references, in events of at most <see cref="ChunkSize"/> objects.</summary>
    private static async Task<long> WriteOthersAsync(
        Utf8JsonWriter writer, IIntelStore store, Principal principal, ObjectQuery query, HashSet<string> referenced, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long events = 0;
        var chunk = new List<MispExportItem>();
        async Task FlushAsync()
        {
            events++;
            await WriteEventAsync(writer, store, principal, null, chunk, events == 1 ? "Concord export" : $"Concord export (part {events})", now, cancellationToken);
            chunk.Clear();
        }

        await foreach (var stored in store.StreamAsync(principal, query, cancellationToken))
        {
            if (!Omitted.Contains(stored.Type) && !referenced.Contains(stored.Id))
            {
                chunk.Add(Item(stored));
                if (chunk.Count == ChunkSize)
                {
                    await FlushAsync();
                }
            }
        }

        if (chunk.Count > 0)
        {
            await FlushAsync();
        }

        return events;
    }

    private static async Task WriteEventAsync(
        Utf8JsonWriter writer, IIntelStore store, Principal principal, MispExportItem? report, List<MispExportItem> members, string info, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var @event = await BuildAsync(store, principal, report, members, info, now, cancellationToken);
        @event.WriteTo(writer);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One report or grouping the reader may read as a MISP event (<c>{"Event": …}</c>), with what it references that the reader
    /// may read: the export writes it, the MISP feed serves it and the PyMISP API answers it, so the three cannot disagree.
    /// </summary>
    public static async Task<JsonObject> BuildEventAsync(IIntelStore store, Principal principal, StoredStixObject stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var report = Item(stored);
        var members = new Dictionary<string, MispExportItem>(StringComparer.Ordinal);
        await ResolveAsync(store, principal, report.Strings("object_refs"), members, cancellationToken);
        return await BuildAsync(store, principal, report, [.. members.Values], string.Empty, now, cancellationToken);
    }

    private static async Task<JsonObject> BuildAsync(
        IIntelStore store, Principal principal, MispExportItem? report, List<MispExportItem> members, string info, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // What the members name (observables of observed-data, addresses of traffic, creators): read as the reader, twice
        // deep, so the builder never needs the store and never sees what the reader may not read.
        var known = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        for (var depth = 0; depth < 2; depth++)
        {
            var wanted = known.Values.Concat(report is null ? [] : [report]).SelectMany(References).Where(id => !known.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            await ResolveAsync(store, principal, wanted, known, cancellationToken);
        }

        return MispEventBuilder.Build(report, members, id => known.GetValueOrDefault(id), Guid.NewGuid().ToString("D"), info, now);
    }

    private static async Task ResolveAsync(IIntelStore store, Principal principal, IEnumerable<string> ids, Dictionary<string, MispExportItem> into, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            if (!into.ContainsKey(id) && await store.GetAsync(principal, id, null, cancellationToken) is { IsSuccess: true } found)
            {
                into[id] = Item(found.Value!);
            }
        }
    }

    private static IEnumerable<string> References(MispExportItem item) =>
        ReferenceProperties.SelectMany(p => item.Json.TryGetProperty(p, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
            _ => [],
        } : []);

    private static MispExportItem Item(StoredStixObject stored)
    {
        using var document = JsonDocument.Parse(stored.Json);
        return new MispExportItem(document.RootElement.Clone(), MispExportScope.Distribution(stored.Scope));
    }
}
