using Concord.Access;
using Concord.Notifications;
using Concord.Observables;
using Concord.Observables.Ownership;
using Concord.Teams.Features.Whose;

namespace Concord.Teams.Features.Routing;

/// <summary>
/// Who is told of one record: the teams primarily responsible for a value it names (the longest prefix, the closest
/// domain: the team "whose is this?" says to call), except its owner and teams that opted out of its kind, and only
/// those that may read it — each candidate reads the record as its organisation does, through the source's visibility
/// door, and is told only if the record as it reads it still names a value of its own. The values as the owner reads
/// them only find candidates; nothing of them reaches anyone.
/// </summary>
internal sealed class Router(IPrincipalResolver principals, WhoseIndex.Snapshot snapshot, IReadOnlySet<(Guid, string)> optOuts)
{
    public const string Actor = "constituency routing";

    private readonly Dictionary<Guid, Principal> _readers = [];

    public async Task<IReadOnlyList<Notification>> RouteAsync(IConstituencySource source, NamedRecordChange change, CancellationToken cancellationToken)
    {
        var subject = Subject(source, change.RecordId);
        if (subject.Length > MaxSubject)
        {
            return [];
        }

        var routed = new List<Notification>();
        foreach (var team in TeamsNamed(snapshot, change.Values).Where(t => t != change.OwnerOrgId && !optOuts.Contains((t, change.Kind))))
        {
            var asTeam = await source.ReadAsync(await ReaderAsync(team, cancellationToken), change.RecordId, cancellationToken);
            if (asTeam is not null && TeamsNamed(snapshot, asTeam.Values).Contains(team))
            {
                routed.Add(new Notification(ConstituencyHitRenderer.Kind.Name, subject, NotificationAudience.Organisation(team), $"{source.Name}:{change.RecordId}:{team:N}"));
            }
        }

        return routed;
    }

    /// <summary>The notification's subject: the source, then its record id (the outbox keeps 256 characters).</summary>
    public static string Subject(IConstituencySource source, string recordId) => $"{source.Name}:{recordId}";

    private const int MaxSubject = 256;

    /// <summary>The teams a value of <paramref name="values"/> lies in, as the team to call first.</summary>
    public static HashSet<Guid> TeamsNamed(WhoseIndex.Snapshot snapshot, IEnumerable<Observable> values) =>
        [.. values.SelectMany(snapshot.Index.Find).Where(m => Responsible(snapshot, m)).Select(m => m.Owner)];

    public static bool Responsible(WhoseIndex.Snapshot snapshot, ConstituencyMatch match) =>
        match.Relation == ConstituencyRelation.Covers && match.Primary && snapshot.Teams.ContainsKey(match.Owner);

    /// <summary>An organisation as its least privileged member reads: what it may read, whoever of it is told.</summary>
    private async ValueTask<Principal> ReaderAsync(Guid organisation, CancellationToken cancellationToken)
    {
        if (!_readers.TryGetValue(organisation, out var reader))
        {
            reader = await principals.ForOrganisationAsync(organisation, Role.ReadOnly, Actor, cancellationToken);
            _readers[organisation] = reader;
        }

        return reader;
    }
}
