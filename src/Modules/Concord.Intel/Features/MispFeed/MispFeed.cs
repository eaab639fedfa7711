using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.Export;

namespace Concord.Intel.Features.MispFeed;

/// <summary>
/// A MISP feed (manifest.json, one file per event, hashes.csv) of what one reader may read: an event per report and
/// grouping, built by the MISP export (<see cref="MispJsonWriter.BuildEventAsync"/>), so a feed event is the export's
/// event. Everything is read through the store as the reader. Objects no report references are not in the feed: the
/// export puts them in "Concord export" events with fresh uuids, which a subscriber would see as new events each pull.
/// </summary>
internal sealed class MispFeed(IIntelStore store, TimeProvider time)
{
    private static readonly string[] EventTypes = ["report", "grouping"];
    private static readonly string[] ManifestKeys = ["Orgc", "Tag", "info", "date", "analysis", "threat_level_id", "timestamp", "published", "uuid"];

    public async IAsyncEnumerable<JsonObject> EventsAsync(Principal principal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var type in EventTypes)
        {
            await foreach (var stored in store.StreamAsync(principal, new ObjectQuery { Type = type }, cancellationToken))
            {
                if (!stored.Revoked)
                {
                    yield return await MispJsonWriter.BuildEventAsync(store, principal, stored, time.GetUtcNow(), cancellationToken);
                }
            }
        }
    }

    /// <summary>The event whose uuid is the report's or grouping's; null when the reader may read neither (hidden reads as missing).</summary>
    public async Task<JsonObject?> EventAsync(Principal principal, Guid uuid, CancellationToken cancellationToken)
    {
        foreach (var type in EventTypes)
        {
            if (await store.GetAsync(principal, $"{type}--{uuid:D}", null, cancellationToken) is { IsSuccess: true, Value: { Revoked: false } stored })
            {
                return await MispJsonWriter.BuildEventAsync(store, principal, stored, time.GetUtcNow(), cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// A validator of the reader's whole view: its newest visible addition and how many objects it may read. A new
    /// version, a new object or a removal changes it; both are the reader's own view, so they reveal nothing hidden.
    /// </summary>
    public async Task<(string ETag, DateTimeOffset? LastModified)> VersionAsync(Principal principal, string file, CancellationToken cancellationToken)
    {
        var newest = (await store.QueryAsync(principal, new ObjectQuery { NewestFirst = true, Limit = 1 }, cancellationToken)).Items.FirstOrDefault();
        var count = await store.CountAsync(principal, new ObjectQuery(), 1_000_000_000, cancellationToken);
        var tag = string.Create(CultureInfo.InvariantCulture, $"{file}:{newest?.Sequence ?? 0}:{count.Value}");
        return ($"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tag)))[..32]}\"", newest?.DateAdded);
    }

    /// <summary>The manifest entry of an event: the event's own values for the keys MISP's manifest carries.</summary>
    public static void WriteManifestEntry(Utf8JsonWriter writer, JsonObject @event)
    {
        var body = (JsonObject)@event["Event"]!;
        writer.WritePropertyName(body["uuid"]!.GetValue<string>());
        writer.WriteStartObject();
        foreach (var key in ManifestKeys)
        {
            if (body[key] is { } value)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>hashes.csv lines: the MD5 of each attribute value (each part of a composite value) and the event's uuid, as MISP writes them.</summary>
    public static IEnumerable<string> HashLines(JsonObject @event)
    {
        var body = (JsonObject)@event["Event"]!;
        var uuid = body["uuid"]!.GetValue<string>();
        var attributes = (body["Attribute"] as JsonArray ?? []).Concat((body["Object"] as JsonArray ?? []).SelectMany(o => o?["Attribute"] as JsonArray ?? []));
        foreach (var attribute in attributes)
        {
            if (attribute?["value"]?.GetValue<string>() is not { } value)
            {
                continue;
            }

            var type = attribute["type"]?.GetValue<string>() ?? "";
            var parts = type.Contains('|', StringComparison.Ordinal) || type == "malware-sample" ? value.Split('|') : [value];
            foreach (var part in parts)
            {
                yield return $"{Md5(part)},{uuid}";
            }
        }
    }

    // MISP's feed hashes are MD5 of the value: a lookup key fixed by the format, not a security choice.
#pragma warning disable CA5351
    public static string Md5(string value) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
#pragma warning restore CA5351
}
