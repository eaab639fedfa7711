using System.Globalization;
using System.Text.Json;
using Concord.Access;
using Concord.Intel;
using Concord.Observables;
using Concord.Observables.Extraction;
using Concord.Platform.Feeds;
using Concord.Stix;
using Concord.Teams;

namespace Concord.Host.Routing;

/// <summary>
/// Intel's objects and sightings as a source of constituency routing. It lives in the host because Intel and Teams do
/// not know each other (ModuleReferenceTests): it joins Intel's public doors — its change feed, and its store, which
/// reads every record through the visibility door for the reader given — to the Teams contract. A record id names one
/// version of one organisation's copy (<c>owner/version/id</c>); its values are what the correlation extracts
/// (<see cref="ObservableExtractor"/>): an indicator's pattern comparisons, an observable's value. A sighting names the
/// values of the indicator it sights and of the observed data it cites, each read as the same reader, so a team never
/// learns a value through a sighting that it could not read in the sighted object itself.
/// </summary>
internal sealed class IntelConstituencySource(IEnumerable<IChangeFeed> feeds, IIntelStore store, IPrincipalResolver principals) : IConstituencySource
{
    public const string Object = "object";
    public const string Sighting = "sighting";
    private const int MaxObservedData = 10;
    private const int MaxObservedRefs = 50;

    /// <summary>The store's largest page; the follower's batches are smaller, so an owner's changed rows fit in one.</summary>
    private const int MaxPage = 1000;

    public string Name => "intel";

    public IReadOnlyList<RoutingKind> Kinds { get; } =
    [
        new(Object, "Indicators and observables that name a value in our constituency"),
        new(Sighting, "Sightings of indicators that name a value in our constituency"),
    ];

    public async Task<NamedRecordChanges> ChangesAsync(long after, int limit, long sinceUs, CancellationToken cancellationToken)
    {
        var feed = feeds.Single(f => f.Module == IntelModule.Name);
        var changes = await feed.ReadAsync(after, limit, cancellationToken);
        if (changes.Count == 0)
        {
            return new NamedRecordChanges([], after);
        }

        // A revocation or a deletion names nothing new; types without values, and records older than asked, are passed
        // over before anything is read.
        var named = changes
            .Where(c => c.Kind is ChangeKind.Created or ChangeKind.Versioned or ChangeKind.Narrowed && c.Version is not null && c.AtUs >= sinceUs)
            .Where(c => c.RecordType == "sighting" || ObservableExtractor.Types.Contains(c.RecordType))
            .ToList();
        var found = new List<NamedRecordChange>();
        foreach (var owned in named.GroupBy(c => c.OwnerOrgId))
        {
            found.AddRange(await OwnersViewAsync(owned.Key, [.. owned], cancellationToken));
        }

        return new NamedRecordChanges([.. found.OrderBy(c => c.Position)], changes[^1].Seq);
    }

    /// <summary>
    /// The changed versions as their owner reads them (the door), one page for all of them: they lie between the first
    /// one's position and the last, and no more rows lie in between than the feed had changes.
    /// </summary>
    private async Task<List<NamedRecordChange>> OwnersViewAsync(Guid owner, List<FeedChange> changes, CancellationToken cancellationToken)
    {
        var reader = await principals.ForOrganisationAsync(owner, Role.ReadOnly, "constituency routing", cancellationToken);
        var wanted = changes.ToDictionary(c => c.Seq);
        var span = (int)Math.Min(changes[^1].Seq - changes[0].Seq + 1, MaxPage);
        var page = await store.QueryAsync(reader, new ObjectQuery { Owner = owner, AllVersions = true, After = changes[0].Seq - 1, Limit = span }, cancellationToken);
        var found = new List<NamedRecordChange>();
        foreach (var item in page.Items.Where(i => wanted.ContainsKey(i.Sequence)))
        {
            var change = wanted[item.Sequence];
            var values = new List<Observable>();
            if (item.Type == "sighting")
            {
                await SightingValuesAsync(reader, item, values, cancellationToken);
            }
            else
            {
                Extract(item, values);
            }

            if (values.Count > 0)
            {
                var kind = item.Type == "sighting" ? Sighting : Object;
                found.Add(new NamedRecordChange(change.Seq, RecordId(owner, change.Version!.Value, change.RecordId), kind, owner, change.AtUs, [.. values.DistinctBy(v => (v.Kind, v.Value))]));
            }
        }

        return found;
    }

    public async Task<NamedRecordView?> ReadAsync(Principal reader, string recordId, CancellationToken cancellationToken)
    {
        if (Parse(recordId) is not var (owner, version, id) || await CopyAsync(reader, id, version, owner, cancellationToken) is not { } found)
        {
            return null;
        }

        using var json = JsonDocument.Parse(found.Json);
        var root = json.RootElement;
        var values = new List<Observable>();
        string title;
        if (found.Type == "sighting")
        {
            title = $"A sighting of {await SightingValuesAsync(reader, found, values, cancellationToken) ?? "an object"}";
        }
        else
        {
            Extract(found, values);
            title = Describe(found.Type, root);
        }

        // An anonymous reporter is not named, not even by the link's owner parameter.
        var link = "/intel/objects/" + Uri.EscapeDataString(id) + (found.AnonymousReporter ? "" : "?owner=" + owner.ToString("D"));
        return new NamedRecordView(title, link, [.. values.DistinctBy(v => (v.Kind, v.Value))]);
    }

    /// <summary>Adds the values a sighting names as the reader reads them; the sighted object's description, or null.</summary>
    private async Task<string?> SightingValuesAsync(Principal reader, StoredStixObject sighting, List<Observable> values, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(sighting.Json);
        var sighted = Text(json.RootElement, "sighting_of_ref") is { } of ? await ValuesOfAsync(reader, of, values, cancellationToken) : null;
        await ObservedAsync(reader, json.RootElement, values, cancellationToken);
        return sighted;
    }

    /// <summary>Adds the values of the object <paramref name="id"/> as the reader reads it; its description, or null when it may not.</summary>
    private async Task<string?> ValuesOfAsync(Principal reader, string id, List<Observable> values, CancellationToken cancellationToken)
    {
        var found = await store.GetAsync(reader, id, null, cancellationToken);
        if (!found.IsSuccess)
        {
            return null;
        }

        Extract(found.Value!, values);
        using var json = JsonDocument.Parse(found.Value!.Json);
        return Describe(found.Value.Type, json.RootElement);
    }

    private async Task ObservedAsync(Principal reader, JsonElement sighting, List<Observable> values, CancellationToken cancellationToken)
    {
        foreach (var observedId in Strings(sighting, "observed_data_refs").Take(MaxObservedData))
        {
            var observed = await store.GetAsync(reader, observedId, null, cancellationToken);
            if (!observed.IsSuccess)
            {
                continue;
            }

            using var json = JsonDocument.Parse(observed.Value!.Json);
            foreach (var reference in Strings(json.RootElement, "object_refs").Take(MaxObservedRefs))
            {
                await ValuesOfAsync(reader, reference, values, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The copy named, as the reader reads it. An anonymous sighting's copy cannot be asked for by its owner (the reader
    /// may not know it): it is read as the version's copy the reader sees, and kept only if it is that owner's.
    /// </summary>
    private async Task<StoredStixObject?> CopyAsync(Principal reader, string id, string version, Guid owner, CancellationToken cancellationToken)
    {
        var copy = await store.GetCopyAsync(reader, id, version, owner, cancellationToken);
        if (copy.IsSuccess)
        {
            return copy.Value;
        }

        var any = await store.GetCopyAsync(reader, id, version, null, cancellationToken);
        return any.IsSuccess && any.Value!.OwnerOrgId == owner ? any.Value : null;
    }

    private static void Extract(StoredStixObject found, List<Observable> values)
    {
        if (!ObservableExtractor.Types.Contains(found.Type) || !StixParser.TryParse(found.Json, out var parsed, out _))
        {
            return;
        }

        using (parsed)
        {
            values.AddRange(ObservableExtractor.Extract(parsed).Observables.Select(e => e.Observable));
        }
    }

    private static string Describe(string type, JsonElement root) =>
        Text(root, "name") is { Length: > 0 } name ? $"{Article(type)} {type} “{name}”" : $"{Article(type)} {type}";

    private static string Article(string type) => type.Length > 0 && "aeiou".Contains(type[0], StringComparison.Ordinal) ? "An" : "A";

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    internal static string RecordId(Guid owner, long versionUs, string stixId) =>
        $"{owner:N}/{versionUs.ToString(CultureInfo.InvariantCulture)}/{stixId}";

    private static (Guid Owner, string Version, string Id)? Parse(string recordId)
    {
        var parts = recordId.Split('/', 3);
        return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var owner)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us is >= 0 and < 253_402_300_800_000_000
            ? (owner, Stamp(us), parts[2])
            : null;
    }

    /// <summary>A version in microseconds as the STIX timestamp the store takes (every microsecond digit kept).</summary>
    private static string Stamp(long us) =>
        DateTime.UnixEpoch.AddTicks(us * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
