using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Stix;
using Concord.Stix.Markings;

namespace Concord.Incidents.Features.Stix;

/// <summary>
/// A case as STIX 2.1, the form cases will cross nodes in (DESIGN.md, "One pipe between nodes"), built from the case as
/// one reader sees it — so it holds exactly what that reader may read:
/// <list type="bullet">
/// <item>the case: an <c>incident</c> SDO with the OASIS Incident Core extension where it fits (determination,
/// investigation status, criticality) and ours for the rest (status, severity, PAP, RSIT category, affected countries and
/// sectors, participants); its RSIT category also as a MISP machine tag in <c>labels</c>;</item>
/// <item>each contribution: a <c>note</c> about the incident, by its author's identity, with its own TLP marking (ours
/// says what kind — comment, timeline entry, task, attachment, observable — and the kind's fields; a RED one's named
/// recipients); an observable linked to an Intel object the reader may read also as a <c>related-to</c> relationship;</item>
/// <item>each assistance request the reader may read: a <c>note</c> about the incident by the requesting organisation,
/// marked with the case's TLP (a case's readers read all its requests; a former participant, which reads only what it
/// wrote, gets only the requests its organisation asked or was asked, marked TLP:AMBER), ours carrying its kind,
/// urgency, status, deadlines and escalation stage;</item>
/// <item>an <c>identity</c> per organisation named, and the <c>extension-definition</c> of our properties.</item>
/// </list>
/// Withdrawn contributions never leave (they are their author's alone); attachment bytes neither (their hash and size do).
/// </summary>
internal static class CaseStix
{
    /// <summary>The OASIS CTI TC's Incident Core extension (property extension of <c>incident</c>).</summary>
    public const string IncidentCoreExtension = "extension-definition--ef765651-680c-498d-9894-99799f2fa126";

    /// <summary>Concord's extension-definition for cases and their contributions.</summary>
    public const string CaseExtension = "extension-definition--f2cd9c0d-64cd-4159-842c-015b050f774a";

    /// <summary>The identity that defines <see cref="CaseExtension"/>.</summary>
    public const string ConcordIdentity = "identity--c423978a-6681-4935-837a-54fbfdfe0553";

    private const string Defined = "2026-01-01T00:00:00.000Z";

    public static List<JsonElement> Objects(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var incident = $"incident--{view.Id}";
        var objects = new List<JsonObject> { ConcordIdentityObject(), ExtensionDefinition() };
        var parties = new Dictionary<Guid, string>();
        string Identity(CaseParty party)
        {
            parties[party.Id] = party.Name;
            return IdentityOf(party.Id);
        }

        if (view.Case is { } header)
        {
            var created = Time(header.Created);
            objects.Add(new JsonObject
            {
                ["type"] = "incident", ["spec_version"] = "2.1", ["id"] = incident, ["created"] = created, ["modified"] = Later(created, Time(header.Updated)),
                ["created_by_ref"] = Identity(header.Owner), ["name"] = header.Title,
                ["description"] = header.Summary.Length == 0 ? null : header.Summary,
                ["labels"] = IncidentTaxonomy.Find(header.Category) is { } category ? new JsonArray(IncidentTaxonomy.MachineTag(category)) : null,
                ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp(header.Tlp))),
                ["extensions"] = new JsonObject
                {
                    [IncidentCoreExtension] = new JsonObject
                    {
                        ["extension_type"] = "property-extension",
                        ["determination"] = header.Status is CaseStatus.New or CaseStatus.Investigating ? "suspected" : "confirmed",
                        ["investigation_status"] = header.Status switch { CaseStatus.New => "new", CaseStatus.Closed => "closed", _ => "open" },
                        ["criticality"] = header.Severity switch { CaseSeverity.Low => 25, CaseSeverity.Medium => 50, CaseSeverity.High => 75, CaseSeverity.Critical => 100 },
                    },
                    [CaseExtension] = new JsonObject
                    {
                        ["extension_type"] = "property-extension",
                        ["case_status"] = IncidentJson.Name(header.Status), ["severity"] = IncidentJson.Name(header.Severity), ["pap"] = IncidentJson.Name(header.Pap),
                        ["rsit_category"] = header.Category,
                        ["affected_countries"] = header.Countries.Count == 0 ? null : new JsonArray([.. header.Countries.Select(c => (JsonNode)c)]),
                        ["affected_sectors"] = header.Sectors.Count == 0 ? null : new JsonArray([.. header.Sectors.Select(s => (JsonNode)s)]),
                        ["participant_refs"] = header.Participants.Count == 0 ? null : new JsonArray([.. header.Participants.Select(p => (JsonNode)Identity(p))]),
                    },
                },
            });
        }

        var updated = view.Case?.Updated;
        foreach (var c in view.Comments.Where(c => !c.Meta.Withdrawn))
        {
            objects.Add(Note(incident, c.Meta, Identity, c.Text, null, new JsonObject { ["kind"] = "comment" }));
        }

        foreach (var t in view.Timeline.Where(t => !t.Meta.Withdrawn))
        {
            objects.Add(Note(incident, t.Meta, Identity, t.Text, "Timeline", new JsonObject { ["kind"] = "timeline", ["occurred"] = Time(t.At) }));
        }

        foreach (var t in view.Tasks.Where(t => !t.Meta.Withdrawn))
        {
            objects.Add(Note(incident, t.Meta, Identity, t.Title, "Task", new JsonObject
            {
                ["kind"] = "task", ["assignee_ref"] = Identity(t.Assignee), ["due"] = t.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["done"] = t.Done,
            }, updated));
        }

        foreach (var a in view.Attachments.Where(a => !a.Meta.Withdrawn))
        {
            objects.Add(Note(incident, a.Meta, Identity, $"Attachment: {a.FileName} ({a.Size} bytes)", "Attachment", new JsonObject
            {
                ["kind"] = "attachment", ["file_name"] = a.FileName, ["content_type"] = a.ContentType, ["size"] = a.Size, ["sha256"] = a.Sha256,
            }));
        }

        foreach (var o in view.Observables.Where(o => !o.Meta.Withdrawn))
        {
            var note = Note(incident, o.Meta, Identity, o.Comment ?? $"{o.Kind}: {o.Value}", "Observable", new JsonObject
            {
                ["kind"] = "observable", ["observable_kind"] = o.Kind, ["value"] = o.Value,
            });
            if (o.IntelObjectId is { } linked)
            {
                ((JsonArray)note["object_refs"]!).Add(linked);
                objects.Add(new JsonObject
                {
                    ["type"] = "relationship", ["spec_version"] = "2.1", ["id"] = $"relationship--{o.Meta.Id}", ["created"] = Time(o.Meta.Created), ["modified"] = Time(o.Meta.Created),
                    ["created_by_ref"] = Identity(o.Meta.Author), ["relationship_type"] = "related-to", ["source_ref"] = incident, ["target_ref"] = linked,
                    ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp(o.Meta.Tlp))),
                });
            }

            objects.Add(note);
        }

        foreach (var r in view.Requests)
        {
            objects.Add(Request(incident, r, Identity, Tlp(view.Case?.Tlp ?? "amber")));
        }

        objects.InsertRange(2, parties.Select(p => new JsonObject
        {
            ["type"] = "identity", ["spec_version"] = "2.1", ["id"] = IdentityOf(p.Key), ["created"] = Defined, ["modified"] = Defined,
            ["name"] = p.Value, ["identity_class"] = "organization",
        }));
        var markings = objects.SelectMany(o => o["object_marking_refs"] is JsonArray refs ? refs.Select(r => r!.GetValue<string>()) : []).Distinct(StringComparer.Ordinal).ToList();
        return [.. markings.Select(m => JsonDocument.Parse(TlpMarkings.JsonOf(TlpMarkings.All[m])).RootElement.Clone()),
            .. objects.Select(o => JsonSerializer.SerializeToElement(Pruned(o)))];
    }

    private static JsonObject Note(string incident, ContributionMeta meta, Func<CaseParty, string> identity, string content, string? @abstract, JsonObject ours, DateTimeOffset? modified = null)
    {
        ours["extension_type"] = "property-extension";
        if (meta.Recipients.Count > 0)
        {
            ours["recipient_refs"] = new JsonArray([.. meta.Recipients.Select(r => (JsonNode)identity(r))]);
        }

        var created = Time(meta.Created);
        return new JsonObject
        {
            ["type"] = "note", ["spec_version"] = "2.1", ["id"] = $"note--{meta.Id}", ["created"] = created,
            ["modified"] = modified is { } m ? Later(created, Time(m)) : created,
            ["created_by_ref"] = identity(meta.Author), ["abstract"] = @abstract, ["content"] = content, ["object_refs"] = new JsonArray(incident),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(Tlp(meta.Tlp))),
            ["extensions"] = new JsonObject { [CaseExtension] = ours },
        };
    }

    private static JsonObject Request(string incident, AssistanceRequestView r, Func<CaseParty, string> identity, Tlp tlp)
    {
        var created = Time(r.Created);
        var modified = r.Events.Count == 0 ? created : Later(created, Time(r.Events.Max(e => e.At)));
        return new JsonObject
        {
            ["type"] = "note", ["spec_version"] = "2.1", ["id"] = $"note--{r.Id}", ["created"] = created, ["modified"] = modified,
            ["created_by_ref"] = identity(r.Requester), ["abstract"] = "Assistance request", ["content"] = r.Text, ["object_refs"] = new JsonArray(incident),
            ["object_marking_refs"] = new JsonArray(TlpMarkings.IdOf(tlp)),
            ["extensions"] = new JsonObject
            {
                [CaseExtension] = new JsonObject
                {
                    ["extension_type"] = "property-extension", ["kind"] = "assistance-request",
                    ["request_kind"] = IncidentJson.Name(r.Kind), ["urgency"] = IncidentJson.Name(r.Urgency), ["request_status"] = IncidentJson.Name(r.Status),
                    ["receiver_ref"] = identity(r.Receiver), ["owner_of"] = r.Owner, ["norm"] = r.Norm,
                    ["acknowledge_by"] = Time(r.AcknowledgeBy), ["respond_by"] = Time(r.RespondBy),
                    ["acknowledged"] = r.Acknowledged is { } a ? Time(a) : null, ["resolved"] = r.Resolved is { } done ? Time(done) : null,
                    ["escalation_stage"] = r.EscalationStage == 0 ? null : r.EscalationStage,
                },
            },
        };
    }

    private static JsonObject ConcordIdentityObject() => new()
    {
        ["type"] = "identity", ["spec_version"] = "2.1", ["id"] = ConcordIdentity, ["created"] = Defined, ["modified"] = Defined,
        ["name"] = "Concord", ["identity_class"] = "system",
    };

    private static JsonObject ExtensionDefinition() => new()
    {
        ["type"] = "extension-definition", ["spec_version"] = "2.1", ["id"] = CaseExtension, ["created"] = Defined, ["modified"] = Defined,
        ["created_by_ref"] = ConcordIdentity, ["name"] = "Concord incident cases",
        ["schema"] = "Properties of Concord's incident cases and their contributions. On an incident: case_status (new, investigating, contained, " +
            "resolved, closed), severity (low, medium, high, critical), pap (clear, green, amber, red), rsit_category (Reference Security Incident " +
            "Taxonomy class:type), affected_countries (ISO 3166-1 alpha-2), affected_sectors (NIS2 sectors), participant_refs (identities the case is " +
            "shared with). On a note about an incident: kind (comment, timeline, task, attachment, observable); occurred (timeline); assignee_ref, due, " +
            "done (task); file_name, content_type, size, sha256 (attachment); observable_kind, value (observable); recipient_refs (the organisations a " +
            "TLP:RED contribution names). On an assistance request (kind assistance-request, created_by_ref the requester, TLP:RED naming both " +
            "parties): request_kind (block, take-down, analyse-sample, contact-hosting-provider, share-logs, other), urgency (low, normal, high, " +
            "critical), request_status (open, acknowledged, accepted, declined, closed, withdrawn), receiver_ref, owner_of (the address, " +
            "network, AS number or domain it was asked about), norm (the UN GGE norm it answers, a-k), acknowledge_by, respond_by, acknowledged, " +
            "resolved, escalation_stage (1-2 not acknowledged in time, 3-4 not answered in time; the higher of each pair includes the secretariat).",
        ["version"] = "1.1.0",
        ["extension_types"] = new JsonArray("property-extension"),
    };

    /// <summary>
    /// An organisation's identity id: a UUIDv5 of its id (the node's ids are UUIDv7, which STIX identifiers do not take),
    /// the same on every export, so a follower recognises the organisation across cases.
    /// </summary>
    public static string IdentityOf(Guid organisation)
    {
        Span<byte> name = stackalloc byte[32];
        IdentityNamespace.TryWriteBytes(name[..16], bigEndian: true, out _);
        organisation.TryWriteBytes(name[16..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[20];
        System.Security.Cryptography.SHA1.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return $"identity--{new Guid(hash[..16], bigEndian: true)}";
    }

    private static readonly Guid IdentityNamespace = new("c423978a-6681-4935-837a-54fbfdfe0553");

    private static Tlp Tlp(string label) => Distribution.TryParseTlp(label, out var tlp) ? tlp : Concord.Stix.Tlp.Red;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Later(string a, string b) => string.CompareOrdinal(a, b) >= 0 ? a : b;

    /// <summary>Drops properties left null (STIX has no nulls).</summary>
    private static JsonObject Pruned(JsonObject node)
    {
        foreach (var (name, value) in node.ToList())
        {
            if (value is null)
            {
                node.Remove(name);
            }
            else if (value is JsonObject child)
            {
                Pruned(child);
            }
        }

        return node;
    }
}
