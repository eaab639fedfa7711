using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;

namespace Concord.Intel.Features.MispApi;

/// <summary>
/// add_event and add_attribute: the posted MISP JSON goes through the MISP import (docs/misp-import.md) as the caller's
/// organisation, all or nothing, so the API stores exactly what importing the same event would. An added attribute is
/// a new version of the caller's own copy of the event: the event as the caller reads it, with the attribute, imported
/// again; what was there is unchanged (the same versions), the report gains the new objects.
/// </summary>
internal sealed class MispWrites(IIntelStore store, MispApiEvents events, TimeProvider time)
{
    public async Task<MispAnswer> AddEventAsync(Principal principal, JsonElement body, string url, CancellationToken cancellationToken)
    {
        if ((body.ValueKind == JsonValueKind.Object && body.TryGetProperty("Event", out var wrapped) ? wrapped : body) is not { ValueKind: JsonValueKind.Object } posted)
        {
            return MispAnswer.Invalid(url, "body", "misp-event-body", "The body must be a MISP event (a JSON object).");
        }

        var @event = JsonObject.Create(posted)!.DeepClone().AsObject();
        if (@event["uuid"] is null)
        {
            @event["uuid"] = Guid.NewGuid().ToString("D");
        }

        var uuid = @event["uuid"]!.ToString();
        if (Guid.TryParse(uuid, out _) && await events.FindAsync(principal, uuid, ownCopy: false, cancellationToken) is { } existing)
        {
            return MispAnswer.Fail(403, $"/events/view/{existing.Id}", "Event already exists, if you would like to edit it, use the url in the location header.", "event-exists");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Truthy(@event["published"]) && !Truthy(@event["publish_timestamp"]))
        {
            @event["publish_timestamp"] = now.ToString(CultureInfo.InvariantCulture); // MISP publishes an event added as published
        }

        // MISP records the creator organisation as the caller's for every user but a sync user: what a script claims is not
        // kept. The caller's organisation owns the stored objects, which is how Concord says who created them.
        foreach (var claimed in new[] { "Org", "Orgc", "org_id", "orgc_id" })
        {
            @event.Remove(claimed);
        }

        var failed = await ImportAsync(principal, @event, url, "Event", cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        return await events.FindAsync(principal, uuid, ownCopy: true, cancellationToken) is { } saved
            ? MispAnswer.Ok(new JsonObject { ["Event"] = saved.Event })
            : MispAnswer.NotSaved(url, "Event", [("Event", "The event was stored with a scope the caller cannot read back.")]);
    }

    public async Task<MispAnswer> AddAttributeAsync(Principal principal, string eventReference, JsonElement body, string url, CancellationToken cancellationToken)
    {
        if (await events.FindAsync(principal, eventReference, ownCopy: false, cancellationToken) is null)
        {
            return MispAnswer.InvalidEvent(url);
        }

        // Concord's rule: an organisation versions only its own copy. MISP answers a user who may not edit the event so.
        if (await events.FindAsync(principal, eventReference, ownCopy: true, cancellationToken) is not { } own)
        {
            return MispAnswer.Fail(403, url, MispAnswer.NoPermission, "not-owner");
        }

        if (own.Report.Scope is Scope.Recipients or Scope.SharingGroup)
        {
            // A MISP event cannot say who its named recipients or Concord sharing group are, so re-importing it would narrow it.
            return MispAnswer.Fail(403, url, "Concord adds attributes through the MISP API only to events shared with a scope MISP can name (owner, alliance, connected nodes, public); edit this one in Concord.", "misp-scope-unsupported");
        }

        if (body.ValueKind != JsonValueKind.Object || (body.TryGetProperty("Attribute", out var inner) ? inner : body) is not { ValueKind: JsonValueKind.Object } posted)
        {
            return MispAnswer.Invalid(url, "body", "misp-attribute-body", "The body must be one MISP attribute (a JSON object).");
        }

        var attribute = JsonObject.Create(posted)!.DeepClone().AsObject();
        attribute["uuid"] ??= Guid.NewGuid().ToString("D");
        var @event = (JsonObject)own.Event.DeepClone();
        if (MispEventShape.Attributes(@event).Any(a => (string?)a["type"] == (string?)attribute["type"] && (string?)a["value"] == (string?)attribute["value"]))
        {
            return MispAnswer.NotSaved("/attributes/add", "Attribute", [("value", "A similar attribute already exists for this event.")]);
        }

        if ((string?)@event["Orgc"]?["uuid"] == own.Report.OwnerOrgId.ToString("D"))
        {
            @event.Remove("Orgc"); // the owner standing in for a creator the event does not name: not an identity to import
        }

        ((JsonArray)@event["Attribute"]!).Add(attribute);
        var stamp = Math.Max(time.GetUtcNow().ToUnixTimeSeconds(), long.Parse((string)@event["timestamp"]!, CultureInfo.InvariantCulture) + 1);
        @event["timestamp"] = stamp.ToString(CultureInfo.InvariantCulture);
        var failed = await ImportAsync(principal, @event, url, "Attribute", cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        var saved = await events.FindAsync(principal, (string)@event["uuid"]!, ownCopy: true, cancellationToken);
        var written = saved is null ? null : MispEventShape.Attributes(saved.Event).FirstOrDefault(a => (string?)a["uuid"] == (string?)attribute["uuid"]);
        var answer = (JsonObject?)written?.DeepClone() ?? attribute;
        answer["event_id"] = saved?.Id ?? own.Id;
        return MispAnswer.Ok(new JsonObject { ["Attribute"] = answer });
    }

    /// <summary>Imports one event; null when it was stored, else MISP's refusal with every problem by field.</summary>
    private async Task<MispAnswer?> ImportAsync(Principal principal, JsonObject @event, string url, string what, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Event"] = @event }));
        var result = await store.ImportAsync(principal, stream, new ImportOptions { Policy = ImportPolicy.AllOrNothing }, null, cancellationToken);
        if (!result.IsSuccess)
        {
            return MispAnswer.From(result.Error!, url);
        }

        var report = result.Value!;
        return report.Committed && report.Rejected == 0
            ? null
            : MispAnswer.NotSaved(url, what, report.Errors.SelectMany(e => e.Issues).Select(i => (i.Path, $"{i.Rule}: {i.Message}")));
    }

    private static bool Truthy(JsonNode? node) => node?.ToString() is { } text && text is not ("" or "0" or "false");
}
