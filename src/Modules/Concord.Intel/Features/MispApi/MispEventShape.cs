using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Access;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// What MISP's API adds to an exported event: ids, the owning organisation (<c>Org</c>, and <c>Orgc</c> when the event
/// names no creator), counts and the empty lists MISP always sends. Organisations are named by their Concord uuid, which
/// is also their <c>id</c> (Concord has no numeric organisation ids).
/// </summary>
internal static class MispEventShape
{
    public static void Complete(JsonObject @event, StoredStixObject report, OrganisationInfo? owner)
    {
        var id = report.Sequence.ToString(CultureInfo.InvariantCulture);
        var org = new JsonObject { ["id"] = report.OwnerOrgId.ToString("D"), ["name"] = owner?.Name ?? string.Empty, ["uuid"] = report.OwnerOrgId.ToString("D"), ["local"] = true };
        var orgc = @event["Orgc"] as JsonObject ?? (JsonObject)org.DeepClone();
        orgc["id"] ??= orgc["uuid"]?.DeepClone();
        @event["id"] = id;
        @event["org_id"] = org["id"]!.DeepClone();
        @event["orgc_id"] = orgc["id"]!.DeepClone();
        @event["Org"] = org;
        @event["Orgc"] ??= orgc;
        @event["sharing_group_id"] = "0";
        @event["locked"] = false;
        @event["proposal_email_lock"] = false;
        @event["disable_correlation"] = false;
        @event["extends_uuid"] = string.Empty;
        var count = 0;
        foreach (var attribute in Attributes(@event))
        {
            attribute["event_id"] = id;
            attribute["object_id"] ??= "0";
            attribute["sharing_group_id"] = "0";
            count++;
        }

        @event["attribute_count"] = count.ToString(CultureInfo.InvariantCulture);
        foreach (var empty in new[] { "ShadowAttribute", "RelatedEvent", "EventReport", "Galaxy", "Object", "Attribute", "Tag" })
        {
            @event[empty] ??= new JsonArray();
        }
    }

    /// <summary>The event's attributes, those of its objects included.</summary>
    public static IEnumerable<JsonObject> Attributes(JsonObject @event)
    {
        foreach (var attribute in (@event["Attribute"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return attribute;
        }

        foreach (var @object in (@event["Object"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var attribute in (@object["Attribute"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return attribute;
            }
        }
    }

    /// <summary>The short event MISP embeds in each attribute of an attribute search.</summary>
    public static JsonObject Summary(JsonObject @event) => new()
    {
        ["id"] = @event["id"]?.DeepClone(),
        ["uuid"] = @event["uuid"]?.DeepClone(),
        ["info"] = @event["info"]?.DeepClone(),
        ["org_id"] = @event["org_id"]?.DeepClone(),
        ["orgc_id"] = @event["orgc_id"]?.DeepClone(),
        ["distribution"] = @event["distribution"]?.DeepClone(),
        ["publish_timestamp"] = @event["publish_timestamp"]?.DeepClone(),
    };
}
