using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Stix;

/// <summary>New objects and new versions derived from an existing one.</summary>
public sealed partial class StixObject
{
    /// <summary>
    /// A mutable copy of the object's JSON. Property order is kept, and numbers keep their exact text when written
    /// back; strings keep their values (escapes may be written differently).
    /// </summary>
    public JsonObject ToJsonObject() =>
        JsonNode.Parse(Utf8Json.Span, documentOptions: new JsonDocumentOptions { MaxDepth = StixObjectBuilder.NodeMaxDepth })!.AsObject();

    /// <summary>
    /// A new object built from a copy of this one changed by <paramref name="change"/>. Nothing is added: callers
    /// that make a new version set <c>modified</c> themselves, or use <see cref="NewVersion"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The changed JSON is no longer a readable STIX object (e.g. over a limit).</exception>
    public StixObject WithChanges(Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var copy = ToJsonObject();
        change(copy);
        return StixObjectBuilder.FromNode(copy);
    }

    /// <summary>
    /// The next version of this object (STIX 2.1 section 3.6): <paramref name="change"/> applied to a copy and
    /// <c>modified</c> set to now, or to one millisecond after the current <c>modified</c> when the clock is not
    /// ahead of it, because a new version must be strictly later.
    /// </summary>
    /// <exception cref="InvalidOperationException">The object has no <c>created</c> (SCOs and others that are not versioned this way).</exception>
    public StixObject NewVersion(TimeProvider timeProvider, Action<JsonObject>? change = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (Created is null)
        {
            throw new InvalidOperationException($"{Id} has no 'created' property, so it cannot be versioned with 'modified'.");
        }

        var now = timeProvider.GetUtcNow();
        if (TryParseTimestamp(Version, out var previous) && now <= previous)
        {
            now = previous.AddMilliseconds(1);
        }

        return WithChanges(copy =>
        {
            change?.Invoke(copy);
            copy["modified"] = StixObjectBuilder.FormatTimestamp(now);
        });
    }

    /// <summary>The revocation of this object: a new version with <c>"revoked": true</c> (see <see cref="NewVersion"/>).</summary>
    public StixObject Revoke(TimeProvider timeProvider) => NewVersion(timeProvider, copy => copy["revoked"] = true);

    private static bool TryParseTimestamp(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
