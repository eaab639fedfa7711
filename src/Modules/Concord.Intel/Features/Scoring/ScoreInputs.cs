using System.Linq.Expressions;
using System.Text.Json;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;

namespace Concord.Intel.Features.Scoring;

/// <summary>The few properties of indicators and sightings that scoring reads from the stored JSON.</summary>
internal static class ScoreInputs
{
    public const string KindProperty = "x_concord_sighting_kind";
    public const string AnonymousProperty = "x_concord_anonymous";

    /// <summary>
    /// The columns of a stored row that scoring and the sighting projection read: identity, version, flags,
    /// distribution, and the JSON of indicators and sightings only (the follower walks rows of every type).
    /// </summary>
    public static readonly Expression<Func<StoredObject, StoredObject>> Row = o => new StoredObject
    {
        Seq = o.Seq,
        StixId = o.StixId,
        Type = o.Type,
        VersionUs = o.VersionUs,
        Revoked = o.Revoked,
        Latest = o.Latest,
        OwnerOrgId = o.OwnerOrgId,
        Tlp = o.Tlp,
        Scope = o.Scope,
        AudienceId = o.AudienceId,
        Json = o.Type == "indicator" || o.Type == "sighting" ? o.Json : Array.Empty<byte>(),
    };

    public readonly record struct IndicatorFacts(int? Confidence, long? ValidUntilUs, bool Revoked);

    public static IndicatorFacts Indicator(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        int? confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var value) ? value : null;
        var until = root.TryGetProperty("valid_until", out var u) && u.ValueKind == JsonValueKind.String ? StixTime.ToMicros(u.GetString()) : null;
        return new IndicatorFacts(confidence, until, IsTrue(root, "revoked"));
    }

    /// <summary>Whether a sighting's reporter chose anonymity: read from the JSON itself, so it holds before any projection.</summary>
    public static bool IsAnonymous(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return IsTrue(document.RootElement, AnonymousProperty);
    }

    /// <summary>The projection of a stored sighting, or null when it names no indicator (sightings of other objects do not score).</summary>
    public static SightingRecord? Sighting(StoredObject row)
    {
        using var document = JsonDocument.Parse(row.Json);
        var root = document.RootElement;
        if (!root.TryGetProperty("sighting_of_ref", out var target) || target.GetString() is not { } targetId)
        {
            return null;
        }

        return new SightingRecord
        {
            StixId = row.StixId,
            OwnerOrgId = row.OwnerOrgId,
            Seq = row.Seq,
            VersionUs = row.VersionUs,
            TargetId = targetId,
            Kind = Kind(root),
            Count = root.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var n) ? n : 1,
            FirstSeenUs = Time(root, "first_seen"),
            LastSeenUs = Time(root, "last_seen"),
            Anonymous = IsTrue(root, AnonymousProperty),
            Revoked = row.Revoked || IsTrue(root, "revoked"),
            Tlp = row.Tlp,
            Scope = row.Scope,
            AudienceId = row.AudienceId,
        };
    }

    public static string KindName(SightingKind kind) => kind switch
    {
        SightingKind.Sighting => "sighting",
        SightingKind.FalsePositive => "false-positive",
        SightingKind.Expiration => "expiration",
    };

    public static bool TryParseKind(string? text, out SightingKind kind)
    {
        foreach (var candidate in Enum.GetValues<SightingKind>())
        {
            if (string.Equals(KindName(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    // An unknown kind counts as a plain sighting: it can then only refresh, never lower or end, a score.
    private static SightingKind Kind(JsonElement root) =>
        root.TryGetProperty(KindProperty, out var k) && k.ValueKind == JsonValueKind.String && TryParseKind(k.GetString(), out var kind) ? kind : SightingKind.Sighting;

    private static long? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var t) && t.ValueKind == JsonValueKind.String ? StixTime.ToMicros(t.GetString()) : null;

    private static bool IsTrue(JsonElement root, string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
