using Concord.Access;
using Concord.Incidents.Features.Cases;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Requests;

internal sealed partial class RequestReader
{
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(90);

    /// <summary>
    /// The alliance view. Per member (as a receiving organisation) figures over requests asked in the period are alliance
    /// statistics: every member of the node reads them. The open requests are listed, as who asked whom how urgently and
    /// by when, for the secretariat only, which chases missed deadlines; nobody reads a request's text or case here.
    /// </summary>
    public async Task<Result<AllianceRequestView>> AllianceAsync(Principal reader, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        if (reader.Kind != PrincipalKind.Member || reader.OrganisationId is null)
        {
            return Error.Forbidden("The alliance view is for the alliance's members.");
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end - DefaultPeriod;
        if (start >= end)
        {
            return Error.Validation("from", "period", $"The period starts ({start:u}) before it ends ({end:u}).");
        }

        var lines = await FiguresSourceAsync(Micros.Of(start), Micros.Of(end), cancellationToken);
        var names = (await access.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var now = Micros.Now(time);
        var (startUs, endUs) = (Micros.Of(start), Micros.Of(end));
        static bool IsOpen(Line l) => l.Status is (int)RequestStatus.Open or (int)RequestStatus.Acknowledged or (int)RequestStatus.Accepted;
        var members = lines.GroupBy(l => l.Receiver).Select(g =>
        {
            var inPeriod = g.Where(l => l.CreatedUs >= startUs && l.CreatedUs < endUs && l.Status != (int)RequestStatus.Withdrawn).ToList();
            var open = g.Where(IsOpen).ToList();
            var acknowledge = inPeriod.Where(l => l.AcknowledgedUs is not null).Select(l => (l.AcknowledgedUs!.Value - l.CreatedUs) / 60e6).ToList();
            var resolve = inPeriod.Where(l => l.ResolvedUs is not null).Select(l => (l.ResolvedUs!.Value - l.CreatedUs) / 60e6).ToList();
            return new MemberRequestFigures(
                new CaseParty(g.Key, names.GetValueOrDefault(g.Key, "(unknown organisation)")), inPeriod.Count, open.Count,
                open.Count(l => (l.Status == (int)RequestStatus.Open && l.AcknowledgeByUs < now) || l.RespondByUs < now),
                acknowledge.Count, Percentiles.Median(acknowledge), Percentiles.P90(acknowledge), resolve.Count, Percentiles.Median(resolve), Percentiles.P90(resolve));
        }).Where(m => m.Received > 0 || m.Open > 0).OrderBy(m => m.Member.Name, StringComparer.Ordinal).ToList();

        var openLines = reader.HasRole(Role.Secretariat)
            ? lines.Where(IsOpen).OrderBy(l => l.AcknowledgeByUs).Select(l => new OpenRequestLine(
                l.Id, new CaseParty(l.Requester, names.GetValueOrDefault(l.Requester, "(unknown organisation)")),
                new CaseParty(l.Receiver, names.GetValueOrDefault(l.Receiver, "(unknown organisation)")), (RequestUrgency)l.Urgency, (RequestStatus)l.Status,
                Micros.At(l.CreatedUs), Micros.At(l.AcknowledgeByUs), Micros.At(l.RespondByUs), l.EscalationStage)).ToList()
            : null;
        return new AllianceRequestView(start, end, members, openLines);
    }

    /// <summary>The requests asked in the period and those open now, as times and parties only (never a text or a case).</summary>
    [InternalProjection("alliance statistics: who asked whom and when, never a request's text or case; counted for every member, listed for the secretariat")]
    private async Task<List<Line>> FiguresSourceAsync(long startUs, long endUs, CancellationToken cancellationToken) =>
        await db.Requests.AsNoTracking()
            .Where(r => (r.CreatedUs >= startUs && r.CreatedUs < endUs)
                || r.Status == (int)RequestStatus.Open || r.Status == (int)RequestStatus.Acknowledged || r.Status == (int)RequestStatus.Accepted)
            .Select(r => new Line(r.Id, r.RequesterOrgId, r.ReceiverOrgId, r.Urgency, r.Status, r.CreatedUs, r.AcknowledgeByUs, r.RespondByUs, r.AcknowledgedUs, r.ResolvedUs, r.EscalationStage))
            .ToListAsync(cancellationToken);

    private sealed record Line(Guid Id, Guid Requester, Guid Receiver, int Urgency, int Status, long CreatedUs, long AcknowledgeByUs, long RespondByUs, long? AcknowledgedUs, long? ResolvedUs, int EscalationStage);
}

/// <summary>Median (the mean of the middle two for an even count) and 90th percentile (nearest rank), null for no values.</summary>
internal static class Percentiles
{
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 1);
    }

    public static double? P90(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return Math.Round(sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1], 1);
    }
}
