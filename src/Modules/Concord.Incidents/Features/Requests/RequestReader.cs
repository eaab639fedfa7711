using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Cases;
using Concord.Incidents.Features.Contributions;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Requests;

/// <summary>
/// Every read of requests: each query starts from the cases the reader may read (the visibility door) and the request
/// rule (<see cref="RequestRule"/>); what the reader may not read is not found, exactly as what does not exist.
/// </summary>
internal sealed partial class RequestReader(IncidentsDbContext db, IAccessDirectory access, TimeProvider time)
{
    private const int MaxList = 500;

    public async Task<Result<AssistanceRequestView>> GetAsync(Principal reader, Guid requestId, CancellationToken cancellationToken)
    {
        var row = await ReadableRowAsync(reader, requestId, cancellationToken);
        return row is null ? Error.NotFound("Assistance request") : (await ViewsAsync(reader, [row], cancellationToken))[0];
    }

    /// <summary>The request when the reader may read it (its party, or a reader of its case); else null.</summary>
    public async Task<RequestRow?> ReadableRowAsync(Principal reader, Guid requestId, CancellationToken cancellationToken)
    {
        var readableCases = await db.Cases.Apply(reader).AsNoTracking()
            .Where(c => db.Requests.Any(r => r.Id == requestId && r.CaseId == c.Id))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        return await db.Requests.AsNoTracking().Where(r => r.Id == requestId).Where(RequestRule.For(reader, readableCases)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A case's requests the reader may read: all of them for a reader of the case, else its own organisation's.</summary>
    public async Task<Result<IReadOnlyList<AssistanceRequestView>>> ForCaseAsync(Principal reader, Guid caseId, CancellationToken cancellationToken)
    {
        var mayReadCase = await db.Cases.Apply(reader).AsNoTracking().AnyAsync(c => c.Id == caseId, cancellationToken);
        var rows = await db.Requests.AsNoTracking().Where(r => r.CaseId == caseId).Where(RequestRule.For(reader, mayReadCase ? [caseId] : []))
            .OrderBy(r => r.CreatedUs).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        if (!mayReadCase && rows.Count == 0)
        {
            return Error.NotFound("Case");
        }

        return await ViewsAsync(reader, rows, cancellationToken);
    }

    /// <summary>The views of a case's requests for <see cref="CaseService"/>'s case view (the case's reader, or a former participant).</summary>
    public async Task<List<AssistanceRequestView>> OfCaseAsync(Principal reader, Guid caseId, bool mayReadCase, CancellationToken cancellationToken)
    {
        var rows = await db.Requests.AsNoTracking().Where(r => r.CaseId == caseId).Where(RequestRule.For(reader, mayReadCase ? [caseId] : []))
            .OrderBy(r => r.CreatedUs).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(reader, rows, cancellationToken);
    }

    /// <summary>Requests asked of (or by) the reader's organisation, earliest deadline first.</summary>
    public async Task<Result<IReadOnlyList<AssistanceRequestView>>> PartyAsync(Principal reader, bool received, bool openOnly, CancellationToken cancellationToken)
    {
        if (reader.Kind != PrincipalKind.Member || reader.OrganisationId is not { } org)
        {
            return Error.Forbidden("Only members of an organisation have a queue of requests.");
        }

        var rows = db.Requests.AsNoTracking().Where(RequestRule.For(reader, []));
        rows = received ? rows.Where(r => r.ReceiverOrgId == org) : rows.Where(r => r.RequesterOrgId == org);
        if (openOnly)
        {
            rows = rows.Where(r => r.Status == (int)RequestStatus.Open || r.Status == (int)RequestStatus.Acknowledged || r.Status == (int)RequestStatus.Accepted);
        }

        var list = await rows.OrderBy(r => r.Status == (int)RequestStatus.Open ? r.AcknowledgeByUs : r.RespondByUs).ThenBy(r => r.Id).Take(MaxList).ToListAsync(cancellationToken);
        return await ViewsAsync(reader, list, cancellationToken);
    }

    private async Task<List<AssistanceRequestView>> ViewsAsync(Principal reader, List<RequestRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
        var titles = await db.Cases.Apply(reader).AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        var events = (await db.RequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).ToListAsync(cancellationToken))
            .OrderBy(e => e.AtUs).ThenBy(e => e.Kind).ToLookup(e => e.RequestId);
        var names = (await access.ListOrganisationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        return [.. rows.Select(r => new AssistanceRequestView(
            r.Id, r.CaseId, titles.GetValueOrDefault(r.CaseId), Party(names, r.RequesterOrgId), Party(names, r.ReceiverOrgId), (RequestKind)r.Kind, r.Text,
            (RequestUrgency)r.Urgency, (RequestStatus)r.Status, r.Norm, r.Owner, Micros.At(r.CreatedUs), Micros.At(r.AcknowledgeByUs), Micros.At(r.RespondByUs),
            r.AcknowledgedUs is { } a ? Micros.At(a) : null, r.ResolvedUs is { } s ? Micros.At(s) : null, r.EscalationStage,
            [.. events[r.Id].Select(e => new RequestEventView(EventName((RequestEventKind)e.Kind), e.ActorOrgId is { } by ? Party(names, by) : null, Micros.At(e.AtUs), e.Text, e.Stage))]))];
    }

    public static string EventName(RequestEventKind kind) => kind switch
    {
        RequestEventKind.Asked => "asked",
        RequestEventKind.Acknowledged => "acknowledged",
        RequestEventKind.Accepted => "accepted",
        RequestEventKind.Declined => "declined",
        RequestEventKind.Progress => "progress",
        RequestEventKind.Closed => "closed",
        RequestEventKind.Withdrawn => "withdrawn",
        _ => "escalated",
    };

    private static CaseParty Party(Dictionary<Guid, string> names, Guid id) => new(id, names.GetValueOrDefault(id, "(unknown organisation)"));
}
