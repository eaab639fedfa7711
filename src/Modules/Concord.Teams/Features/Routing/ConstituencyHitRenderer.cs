using Concord.Access;
using Concord.Notifications;
using Concord.Observables;
using Concord.Teams.Features.Whose;

namespace Concord.Teams.Features.Routing;

/// <summary>
/// A routed record as a notification: read as the recipient through its source's visibility door, naming the value
/// that lies in the recipient's constituency. A record the recipient may no longer read, or that no longer names a
/// value of its constituency as it reads it, renders nothing: that recipient is told nothing.
/// </summary>
internal sealed class ConstituencyHitRenderer(IEnumerable<IConstituencySource> sources, WhoseIndex whose) : INotificationRenderer
{
    public static readonly NotificationKind Kind = new(
        "constituency-hit",
        "Constituency routing",
        "A record another member shared with your organisation names a value in your team's constituency (an address, network, domain or AS number).",
        EmailByDefault: false);

    string INotificationRenderer.Kind => Kind.Name;

    public async Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken)
    {
        var colon = subjectId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || reader.OrganisationId is not { } team || sources.FirstOrDefault(s => s.Name == subjectId[..colon]) is not { } source
            || await source.ReadAsync(reader, subjectId[(colon + 1)..], cancellationToken) is not { } record)
        {
            return null;
        }

        var snapshot = await whose.CurrentAsync(cancellationToken);
        var hit = record.Values
            .Select(v => (Value: v, Match: snapshot.Index.Find(v).FirstOrDefault(m => m.Owner == team && Router.Responsible(snapshot, m))))
            .FirstOrDefault(h => h.Match is not null);
        if (hit.Match is null)
        {
            return null;
        }

        var value = hit.Value.Value;
        return new RenderedNotification(
            $"In your constituency: {value}",
            $"{record.Title} names {value} ({ObservableKinds.Name(hit.Value.Kind)}), which lies in your team's constituency ({hit.Match.Claim.Value}).",
            record.Link);
    }
}
