using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Concord.Access;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// restSearch over the events the caller may read (<see cref="MispApiEvents.AllAsync"/>), so a hidden event or attribute
/// is never returned nor counted. Events: each event with an attribute matching every attribute filter (value, type,
/// category, to_ids) and a matching tag on the event or an attribute. Attributes: each matching attribute, with its
/// event's summary. Values match whole (case-insensitively), or one side of a composite (<c>domain|ip</c>); <c>%</c> is
/// MISP's wildcard.
/// </summary>
internal sealed class MispSearch(MispApiEvents events)
{
    public async Task<JsonArray> EventsAsync(Principal principal, MispSearchFilter filter, CancellationToken cancellationToken)
    {
        var found = new List<JsonNode?>();
        await foreach (var @event in events.AllAsync(principal, cancellationToken))
        {
            var attributes = MispEventShape.Attributes(@event.Event).ToList();
            var eventTags = TagNames(@event.Event);
            if (EventMatches(@event.Event, filter, eventTags)
                && (filter.Uuids.Count == 0 || filter.Uuids.Contains((string?)@event.Event["uuid"], StringComparer.OrdinalIgnoreCase))
                && (!AttributeFiltered(filter) || attributes.Any(a => AttributeMatches(a, filter)))
                && (filter.Tags.Count == 0 || filter.Tags.Any(t => eventTags.Concat(attributes.SelectMany(TagNames)).Any(n => Like(n, t))))
                && (filter.ChangedSince is not { } since || Epoch(@event.Event["timestamp"]) >= since))
            {
                found.Add(new JsonObject { ["Event"] = @event.Event });
            }
        }

        return new JsonArray([.. Page(found, filter)]);
    }

    public async Task<JsonArray> AttributesAsync(Principal principal, MispSearchFilter filter, CancellationToken cancellationToken)
    {
        var found = new List<JsonNode?>();
        await foreach (var @event in events.AllAsync(principal, cancellationToken))
        {
            var eventTags = TagNames(@event.Event);
            if (!EventMatches(@event.Event, filter, eventTags))
            {
                continue;
            }

            foreach (var attribute in MispEventShape.Attributes(@event.Event))
            {
                if (AttributeMatches(attribute, filter) && (filter.Uuids.Count == 0 || filter.Uuids.Contains((string?)attribute["uuid"], StringComparer.OrdinalIgnoreCase))
                    && (filter.Tags.Count == 0 || filter.Tags.Any(t => TagNames(attribute).Concat(eventTags).Any(n => Like(n, t))))
                    && !filter.NotTags.Any(t => TagNames(attribute).Any(n => Like(n, t)))
                    && (filter.ChangedSince is not { } since || Epoch(attribute["timestamp"]) >= since))
                {
                    var copy = (JsonObject)attribute.DeepClone();
                    copy["Event"] = MispEventShape.Summary(@event.Event);
                    found.Add(copy);
                }
            }
        }

        return new JsonArray([.. Page(found, filter)]);
    }

    private static IEnumerable<JsonNode?> Page(List<JsonNode?> found, MispSearchFilter filter) =>
        filter.Limit is { } limit ? found.Skip((filter.Page - 1) * limit).Take(limit) : found;

    /// <summary>What an event must be, whatever its attributes: published or not, since when, which, and none of the excluded tags.</summary>
    private static bool EventMatches(JsonObject @event, MispSearchFilter filter, IReadOnlyList<string> tags) =>
        (filter.Published is not { } published || (bool?)@event["published"] == published)
        && (filter.PublishedSince is not { } since || ((bool?)@event["published"] == true && Epoch(@event["publish_timestamp"]) >= since))
        && (filter.Events.Count == 0 || filter.Events.Any(e => e == (string?)@event["id"] || string.Equals(e, (string?)@event["uuid"], StringComparison.OrdinalIgnoreCase)))
        && !filter.NotTags.Any(t => tags.Any(n => Like(n, t)));

    private static bool AttributeFiltered(MispSearchFilter filter) =>
        filter.Values.Count > 0 || filter.Types.Count > 0 || filter.Categories.Count > 0 || filter.ToIds is not null;

    private static bool AttributeMatches(JsonObject attribute, MispSearchFilter filter)
    {
        var value = (string?)attribute["value"] ?? string.Empty;
        return (filter.Values.Count == 0 || filter.Values.Any(v => Like(value, v) || value.Split('|').Any(part => Like(part, v))))
            && (filter.Types.Count == 0 || filter.Types.Contains((string?)attribute["type"], StringComparer.Ordinal))
            && (filter.Categories.Count == 0 || filter.Categories.Contains((string?)attribute["category"], StringComparer.OrdinalIgnoreCase))
            && (filter.ToIds is not { } toIds || (bool?)attribute["to_ids"] == toIds);
    }

    private static List<string> TagNames(JsonObject element) =>
        (element["Tag"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (string?)t["name"]).OfType<string>().ToList();

    /// <summary>SQL LIKE as MISP's filters use it: <c>%</c> any text, otherwise equal, ignoring case.</summary>
    private static bool Like(string text, string pattern) => pattern.Contains('%', StringComparison.Ordinal)
        ? Regex.IsMatch(text, "^" + string.Join(".*", pattern.Split('%').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1))
        : string.Equals(text, pattern, StringComparison.OrdinalIgnoreCase);

    private static long Epoch(JsonNode? node) => long.TryParse(node?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : 0;
}
