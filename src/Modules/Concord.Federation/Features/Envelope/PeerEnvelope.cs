using System.Globalization;
using System.Text.Json;
using Concord.Access;
using Concord.Federation.Data;
using Concord.Intel;
using Concord.Stix;
using Concord.Taxii;
using Microsoft.EntityFrameworkCore;

namespace Concord.Federation.Features.Envelope;

/// <summary>
/// What a peer node's page carries beside the objects (TAXII custom properties, T 7.1.1; other clients ignore them):
/// <c>x_concord_records</c>, one entry per object in the same order — its owner, TLP and scope here, and for a record
/// of another node's organisation the <c>path</c> it came here by (its home node first) —
/// <c>x_concord_organisations</c>, the owners, keyed <c>{home node id}/{id at home}</c>, as their home node names them;
/// and <c>x_concord_position</c>, the peer's position (when the last change it can see happened). The peer stores each
/// object as its owner's copy, with the same distribution, and asks for withdrawals only when its position moved past
/// where it read them last.
/// </summary>
internal sealed class PeerEnvelope(IAccessDirectory directory, NodeIdentity identity, IWithdrawals withdrawals, FederationDbContext db) : ITaxiiPeerEnvelope
{
    public const string Records = "x_concord_records";
    public const string Organisations = "x_concord_organisations";

    /// <summary>The peer's own position (<see cref="IWithdrawals.PositionAsync"/>): a peer already there has nothing to withdraw and does not ask.</summary>
    public const string Position = "x_concord_position";

    public async Task<Action<Utf8JsonWriter>> DescribeAsync(Principal peer, IReadOnlyList<TaxiiRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var owners = new Dictionary<Guid, OwnerEntry?>();
        foreach (var owner in records.Select(r => r.OwnerOrgId).Distinct())
        {
            owners[owner] = await directory.FindOrganisationAsync(owner, cancellationToken) is { } org ? Describe(org) : null;
        }

        var paths = await PathsAsync(records, owners, cancellationToken);
        var recipients = await RecipientsAsync(peer, records, cancellationToken);
        var position = await withdrawals.PositionAsync(peer, cancellationToken);
        return w =>
        {
            w.WriteNumber(Position, position);
            w.WriteStartObject(Organisations);
            foreach (var entry in owners.Values.OfType<OwnerEntry>().DistinctBy(e => e.Key))
            {
                w.WriteStartObject(entry.Key);
                w.WriteString("node", entry.NodeId);
                w.WriteString("node_name", entry.NodeName);
                w.WriteString("id", entry.Id);
                w.WriteString("name", entry.Name);
                w.WriteString("country", entry.Country);
                w.WriteString("type", TypeName(entry.Type));
                if (entry.Sector is not null)
                {
                    w.WriteString("sector", entry.Sector);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray(Records);
            foreach (var record in records)
            {
                w.WriteStartObject();
                if (owners[record.OwnerOrgId] is { } owner)
                {
                    w.WriteString("owner", owner.Key);
                }

                w.WriteString("tlp", Distribution.Label(record.Tlp).ToLowerInvariant());
                w.WriteString("scope", Distribution.Name(record.Scope));
                w.WriteString("date_added", record.DateAdded.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                if (record.AudienceId is { } audience && recipients.TryGetValue(audience, out var named))
                {
                    w.WriteStartArray("recipients");
                    foreach (var key in named)
                    {
                        w.WriteStringValue(key);
                    }

                    w.WriteEndArray();
                }

                if (paths.TryGetValue((record.OwnerOrgId, record.Id), out var path))
                {
                    w.WriteStartArray("path");
                    foreach (var hop in path)
                    {
                        w.WriteStartObject();
                        w.WriteString("node", hop.Node);
                        w.WriteString("node_name", hop.Name);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        };
    }

    private OwnerEntry Describe(OrganisationInfo org) => OwnerEntry.Of(org, identity.Node);

    /// <summary>
    /// For records shared with recipients or a sharing group (which a peer reads when they name an organisation its node
    /// hosts): the recipients hosted on the reading peer's node, keyed as owners are — only those, so a peer learns
    /// nothing of recipients elsewhere.
    /// </summary>
    private async Task<Dictionary<Guid, List<string>>> RecipientsAsync(Principal peer, IReadOnlyList<TaxiiRecord> records, CancellationToken cancellationToken)
    {
        var named = new Dictionary<Guid, List<string>>();
        var audiences = records.Where(r => r.Scope is Scope.Recipients or Scope.SharingGroup && r.AudienceId is not null).Select(r => r.AudienceId!.Value).Distinct().ToList();
        if (audiences.Count == 0)
        {
            return named;
        }

        var node = await db.Peers.AsNoTracking().Where(p => p.Name == peer.Name && p.Enabled).Select(p => p.RemoteNodeId).FirstOrDefaultAsync(cancellationToken);
        foreach (var id in audiences)
        {
            var keys = new List<string>();
            foreach (var member in (await directory.FindAudienceAsync(id, cancellationToken))?.Members ?? [])
            {
                if (await directory.FindOrganisationAsync(member, cancellationToken) is { Home: { } home } org && home.NodeId == node)
                {
                    keys.Add(Describe(org).Key);
                }
            }

            named[id] = keys;
        }

        return named;
    }

    /// <summary>
    /// The path of each record of another node's organisation: as it was relayed here (<see cref="ProvenanceRow"/>), else
    /// its home node alone (its home sent it).
    /// </summary>
    private async Task<Dictionary<(Guid Owner, string Id), IReadOnlyList<Hop>>> PathsAsync(
        IReadOnlyList<TaxiiRecord> records, Dictionary<Guid, OwnerEntry?> owners, CancellationToken cancellationToken)
    {
        var paths = new Dictionary<(Guid, string), IReadOnlyList<Hop>>();
        var relayed = records.Where(r => owners[r.OwnerOrgId] is { } o && o.NodeId != identity.Node.Id).ToList();
        if (relayed.Count == 0)
        {
            return paths;
        }

        var ownerIds = relayed.Select(r => r.OwnerOrgId).Distinct().ToList();
        var ids = relayed.Select(r => r.Id).Distinct().ToList();
        var rows = await db.Provenance.AsNoTracking().Where(p => ownerIds.Contains(p.OwnerOrgId) && ids.Contains(p.ObjectId))
            .Select(p => new { p.OwnerOrgId, p.ObjectId, p.Path }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            paths[(row.OwnerOrgId, row.ObjectId)] = Hop.ParsePath(row.Path) ?? [];
        }

        foreach (var record in relayed)
        {
            var owner = owners[record.OwnerOrgId]!;
            paths.TryAdd((record.OwnerOrgId, record.Id), [new Hop(owner.NodeId, owner.NodeName)]);
        }

        return paths;
    }

    internal static string TypeName(OrganisationType type) => JsonNamingPolicy.KebabCaseLower.ConvertName(type.ToString());

    internal static bool TryParseType(string? text, out OrganisationType type)
    {
        foreach (var candidate in Enum.GetValues<OrganisationType>())
        {
            if (TypeName(candidate) == text)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

}

/// <summary>An owner as nodes name it to each other: keyed <c>{home node id}/{id at home}</c>, with its home's names.</summary>
internal sealed record OwnerEntry(Guid NodeId, string NodeName, Guid Id, string Name, string Country, OrganisationType Type, string? Sector)
{
    public string Key => $"{NodeId}/{Id}";

    /// <summary>A local organisation as this node; a federated one as its home node named it (relayed).</summary>
    public static OwnerEntry Of(OrganisationInfo org, FederationNode node)
    {
        if (org.Home is { } home)
        {
            // The local name carries " (home node)".
            var suffix = $" ({home.NodeName})";
            var name = org.Name.Contains(suffix, StringComparison.Ordinal) ? org.Name[..org.Name.LastIndexOf(suffix, StringComparison.Ordinal)] : org.Name;
            return new OwnerEntry(home.NodeId, home.NodeName, home.RemoteId, name, org.Country, org.Type, org.Sector);
        }

        return new OwnerEntry(node.Id, node.Name, org.Id, org.Name, org.Country, org.Type, org.Sector);
    }

    /// <summary>Parses a key; false when it is not two ids.</summary>
    public static bool TryParseKey(string? key, out Guid node, out Guid id)
    {
        (node, id) = (Guid.Empty, Guid.Empty);
        var slash = key?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 && Guid.TryParse(key.AsSpan(0, slash), out node) && Guid.TryParse(key.AsSpan(slash + 1), out id);
    }
}

/// <summary>A node a relayed record passed through.</summary>
internal sealed record Hop(Guid Node, string Name)
{
    /// <summary>The most nodes a record may have passed through: a longer path is refused.</summary>
    public const int MaxPath = 16;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string FormatPath(IEnumerable<Hop> path) =>
        JsonSerializer.Serialize(path.Select(h => new PathEntry(h.Node, h.Name)), Json);

    public static IReadOnlyList<Hop>? ParsePath(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<PathEntry>>(json, Json)?.Select(e => new Hop(e.Node, e.NodeName)).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record PathEntry(Guid Node, string NodeName);
}

/// <summary>
/// One object's provenance as a peer's page gave it: its owner, distribution, and the nodes it passed through before
/// the peer (empty when the peer is its home); <see cref="Problem"/> says why it cannot be used.
/// </summary>
internal sealed record ReceivedRecord(FederatedOrganisation? Owner, Tlp Tlp, Scope Scope, string? Problem)
{
    public IReadOnlyList<Hop> Path { get; init; } = [];

    /// <summary>For a record shared with recipients: the named recipients hosted on the receiving node, as (home node, id at home).</summary>
    public IReadOnlyList<(Guid Node, Guid Id)> Recipients { get; init; } = [];
}

/// <summary>Reads a peer's page provenance (<see cref="PeerEnvelope"/>), entry by entry, naming what is wrong.</summary>
internal static class ReceivedEnvelope
{
    public static IReadOnlyList<ReceivedRecord> Read(IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? custom, int count)
    {
        var none = Enumerable.Repeat(new ReceivedRecord(null, Tlp.Red, Scope.Owner, "The peer's page carries no provenance (x_concord_records) for this object."), count).ToList();
        if (custom is null || !custom.TryGetValue(PeerEnvelope.Records, out var recordsJson) || !custom.TryGetValue(PeerEnvelope.Organisations, out var orgsJson))
        {
            return none;
        }

        using var records = JsonDocument.Parse(recordsJson);
        using var orgs = JsonDocument.Parse(orgsJson);
        if (records.RootElement.ValueKind != JsonValueKind.Array || records.RootElement.GetArrayLength() != count || orgs.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Enumerable.Repeat(new ReceivedRecord(null, Tlp.Red, Scope.Owner, "The peer's provenance does not match its objects one for one."), count).ToList();
        }

        var owners = new Dictionary<string, FederatedOrganisation?>(StringComparer.Ordinal);
        foreach (var org in orgs.RootElement.EnumerateObject())
        {
            owners[org.Name] = Owner(org.Value);
        }

        return records.RootElement.EnumerateArray().Select(r => Record(r, owners)).ToList();
    }

    /// <summary>The position a page gave (<see cref="PeerEnvelope.Position"/>), or null.</summary>
    public static long? Position(IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? custom)
    {
        if (custom is null || !custom.TryGetValue(PeerEnvelope.Position, out var json))
        {
            return null;
        }

        var reader = new Utf8JsonReader(json.Span);
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var position) ? position : null;
    }

    private static ReceivedRecord Record(JsonElement record, Dictionary<string, FederatedOrganisation?> owners)
    {
        var tlpText = Text(record, "tlp");
        var scopeText = Text(record, "scope");
        if (!Distribution.TryParseTlp(tlpText, out var tlp))
        {
            return new ReceivedRecord(null, Tlp.Red, Scope.Owner, $"Unknown TLP '{tlpText}'.");
        }

        if (!Distribution.TryParseScope(scopeText, out var scope))
        {
            return new ReceivedRecord(null, tlp, Scope.Owner, $"Unknown scope '{scopeText}'.");
        }

        var key = Text(record, "owner");
        if (key is null || !owners.TryGetValue(key, out var owner) || owner is null)
        {
            return new ReceivedRecord(null, tlp, scope, $"The owner '{key}' is not described in the page, or its description is incomplete.");
        }

        var recipients = new List<(Guid, Guid)>();
        if (record.TryGetProperty("recipients", out var recipientsJson))
        {
            if (recipientsJson.ValueKind != JsonValueKind.Array)
            {
                return new ReceivedRecord(null, tlp, scope, "Its recipients are not a list.");
            }

            foreach (var recipient in recipientsJson.EnumerateArray())
            {
                if (!OwnerEntry.TryParseKey(recipient.ValueKind == JsonValueKind.String ? recipient.GetString() : null, out var node, out var id))
                {
                    return new ReceivedRecord(null, tlp, scope, $"Its recipient '{recipient}' is not '{{node id}}/{{organisation id}}'.");
                }

                recipients.Add((node, id));
            }
        }

        if (!record.TryGetProperty("path", out var pathJson))
        {
            return new ReceivedRecord(owner, tlp, scope, null) { Recipients = recipients };
        }

        var path = pathJson.ValueKind == JsonValueKind.Array && pathJson.GetArrayLength() <= Hop.MaxPath
            ? pathJson.EnumerateArray().Select(h => h.ValueKind == JsonValueKind.Object && Guid.TryParse(Text(h, "node"), out var node) && Text(h, "node_name") is { Length: > 0 and <= 100 } name ? new Hop(node, name) : null).ToList()
            : null;
        return path is null || path.Any(h => h is null)
            ? new ReceivedRecord(null, tlp, scope, $"The path of a record of '{owner.Name}' is not a list of at most {Hop.MaxPath} nodes, each with its id and name.")
            : new ReceivedRecord(owner, tlp, scope, null) { Path = path!, Recipients = recipients };
    }

    private static FederatedOrganisation? Owner(JsonElement org) =>
        Guid.TryParse(Text(org, "node"), out var node) && Guid.TryParse(Text(org, "id"), out var id)
        && Text(org, "node_name") is { } nodeName && Text(org, "name") is { } name && Text(org, "country") is { } country
        && PeerEnvelope.TryParseType(Text(org, "type"), out var type)
            ? new FederatedOrganisation(node, nodeName, id, name, country, type, Text(org, "sector"))
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
