using System.Text.Json;
using Concord.Access;
using Concord.Incidents.Data;
using Concord.Incidents.Features.Contributions;
using Concord.Incidents.Features.Requests;
using Concord.Incidents.Features.Stix;
using Concord.Intel;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Cases;

internal sealed partial class CaseService
{
    private const int MaxList = 500;

    public Task<Result<CaseView>> GetAsync(Principal reader, Guid caseId, CancellationToken cancellationToken) => ViewAsync(reader, caseId, cancellationToken);

    public async Task<Result<IReadOnlyList<CaseSummary>>> ListAsync(Principal reader, CaseQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var cases = db.Cases.Apply(reader).AsNoTracking();
        if (query.Status is { } status)
        {
            cases = cases.Where(c => c.Status == (int)status);
        }

        if (query.Severity is { } severity)
        {
            cases = cases.Where(c => c.Severity == (int)severity);
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var category = query.Category.Trim().ToLowerInvariant();
            var prefix = category + ":";
            cases = cases.Where(c => c.Category == category || c.Category.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(query.Country))
        {
            var country = query.Country.Trim().ToUpperInvariant();
            cases = cases.Where(c => c.Countries.Contains(country));
        }

        if (!string.IsNullOrWhiteSpace(query.Sector))
        {
            var sector = query.Sector.Trim().ToLowerInvariant();
            cases = cases.Where(c => c.Sectors.Contains(sector));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            cases = cases.Where(c => c.Title.ToLower().Contains(text) || c.Summary.ToLower().Contains(text));
        }

        var rows = await cases.OrderByDescending(c => c.UpdatedUs).ThenBy(c => c.Id).Take(MaxList).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();

        // Counts over what the reader may read of each case, never over the table.
        var counts = (await db.Contributions.AsNoTracking().Where(ContributionRule.ForReadableCases(reader, ids))
                .GroupBy(c => new { c.CaseId, c.Kind, c.Done, c.Withdrawn })
                .Select(g => new { g.Key.CaseId, g.Key.Kind, g.Key.Done, g.Key.Withdrawn, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Where(c => !c.Withdrawn)
            .ToList();
        int Count(Guid id, ContributionKind kind, bool openOnly = false) =>
            counts.Where(c => c.CaseId == id && c.Kind == (int)kind && (!openOnly || !c.Done)).Sum(c => c.Count);

        var names = await OrganisationNamesAsync(cancellationToken);
        return rows.Select(r => new CaseSummary(
            r.Id, r.Title, r.Category, (CaseSeverity)r.Severity, (CaseStatus)r.Status, Distribution.Label(r.Tlp), (Pap)r.Pap, Party(names, r.OwnerOrgId),
            CaseRules.Lines(r.Countries), Micros.At(r.CreatedUs), Micros.At(r.UpdatedUs),
            Count(r.Id, ContributionKind.Comment), Count(r.Id, ContributionKind.Task, openOnly: true), Count(r.Id, ContributionKind.Observable), Count(r.Id, ContributionKind.Attachment))).ToList();
    }

    public async Task<Result<IReadOnlyList<JsonElement>>> StixAsync(Principal reader, Guid caseId, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(reader, caseId, cancellationToken);
        if (!view.IsSuccess)
        {
            return view.Error!;
        }

        return CaseStix.Objects(view.Value!);
    }

    /// <summary>The case as <paramref name="reader"/> may see it: not found unless it may read the case or wrote something in it.</summary>
    internal async Task<Result<CaseView>> ViewAsync(Principal reader, Guid caseId, CancellationToken cancellationToken)
    {
        var (row, contributions) = await ReadableAsync(reader, caseId, cancellationToken);
        if (row is null && contributions.Count == 0)
        {
            return Error.NotFound("Case");
        }

        var names = await OrganisationNamesAsync(cancellationToken);
        CaseHeader? header = null;
        if (row is not null)
        {
            var category = IncidentTaxonomy.Find(row.Category);
            header = new CaseHeader(
                row.Title, row.Summary, row.Category, category is null ? row.Category : $"{category.ClassName}: {category.Name}", (CaseSeverity)row.Severity,
                (CaseStatus)row.Status, Distribution.Label(row.Tlp), (Pap)row.Pap, Party(names, row.OwnerOrgId), CaseRules.Lines(row.Countries), CaseRules.Lines(row.Sectors),
                [.. (await ParticipantsAsync(row, cancellationToken)).Select(p => Party(names, p)).OrderBy(p => p.Name, StringComparer.Ordinal)],
                Micros.At(row.CreatedUs), Micros.At(row.UpdatedUs));
        }

        var metas = new Dictionary<Guid, ContributionMeta>();
        foreach (var c in contributions)
        {
            var recipients = c.AudienceId is { } audience && await access.FindAudienceAsync(audience, cancellationToken) is { } named
                ? named.Members.Select(m => Party(names, m)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList()
                : [];
            metas[c.Id] = new ContributionMeta(c.Id, Party(names, c.AuthorOrgId), Distribution.Label(c.Tlp), recipients, Micros.At(c.CreatedUs), c.Withdrawn);
        }

        List<ContributionRow> Of(ContributionKind kind) => [.. contributions.Where(c => c.Kind == (int)kind)];
        return new CaseView(
            caseId,
            row is null,
            header,
            [.. Of(ContributionKind.Timeline).OrderBy(c => c.AtUs).ThenBy(c => c.CreatedUs).Select(c => new TimelineEntryView(metas[c.Id], Micros.At(c.AtUs ?? c.CreatedUs), c.Text))],
            await ObservablesAsync(reader, Of(ContributionKind.Observable), metas, cancellationToken),
            [.. Of(ContributionKind.Task).Select(c => new TaskView(metas[c.Id], c.Text, Party(names, c.AssigneeOrgId ?? c.AuthorOrgId), DateOnly.FromDateTime(Micros.At(c.AtUs ?? 0).UtcDateTime), c.Done))],
            [.. Of(ContributionKind.Comment).Select(c => new CommentView(metas[c.Id], c.Text))],
            [.. Of(ContributionKind.Attachment).Select(c => new AttachmentView(metas[c.Id], c.FileName ?? "", c.ContentType ?? "application/octet-stream", c.Size ?? 0, c.Sha256 ?? ""))],
            await requests.OfCaseAsync(reader, caseId, row is not null, cancellationToken));
    }

    /// <summary>
    /// The case row when the reader may read it (the visibility door), and the contributions the reader may read under the
    /// contribution rule — for a reader who may not read the case, only its own (a former participant's).
    /// </summary>
    private async Task<(CaseRow? Case, List<ContributionRow> Contributions)> ReadableAsync(Principal reader, Guid caseId, CancellationToken cancellationToken)
    {
        var row = await db.Cases.Apply(reader).AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var contributions = await db.Contributions.AsNoTracking()
            .Where(c => c.CaseId == caseId)
            .Where(ContributionRule.For(reader, row is not null))
            .OrderBy(c => c.CreatedUs).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return (row, contributions);
    }

    /// <summary>Each observable with what the reader's correlation finds (objects the reader may read), and its Intel link if the reader may read that object.</summary>
    private async Task<List<ObservableView>> ObservablesAsync(Principal reader, List<ContributionRow> rows, Dictionary<Guid, ContributionMeta> metas, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var lookup = await correlation.LookupAsync(reader, [.. rows.Select(r => $"{r.ValueKind}:{r.Value}")], CorrelationRequest.Default, cancellationToken);
        var readableLinks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in rows.Select(r => r.IntelRef).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if ((await intel.GetAsync(reader, link, null, cancellationToken)).IsSuccess)
            {
                readableLinks.Add(link);
            }
        }

        return [.. rows.Select((r, i) =>
        {
            var found = lookup.IsSuccess ? lookup.Value!.Values[i] : null;
            var reporters = found?.Reporters ?? [];
            return new ObservableView(
                metas[r.Id], r.ValueKind ?? "", r.Value ?? "", r.Text.Length == 0 ? null : r.Text, r.IntelRef is { } l && readableLinks.Contains(l) ? l : null,
                reporters.Sum(p => p.Objects.Count), [.. reporters.Select(p => p.Organisation)]);
        })];
    }

    private static CaseParty Party(Dictionary<Guid, string> names, Guid id) => new(id, names.GetValueOrDefault(id, "(unknown organisation)"));
}
