using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Concord.Platform.Audit;

namespace Concord.Intel.Features.Sightings;

/// <summary>
/// Records sightings as STIX <c>sighting</c> objects through the ordinary import (so distribution rules, idempotence
/// and the score follower apply as to any object), and lists the sightings of an object a reader may read.
/// </summary>
internal sealed class SightingService(IntelDbContext db, IIntelStore store, IndicatorTargets targets, IAccessDirectory directory, SightingReach reach, TimeProvider time, IAuditTrail audit) : ISightings
{
    public const int MaxCount = 999_999_999;
    public const int MaxPageSize = 1000;

    public Task<Result<RecordedSightings>> RecordAsync(Principal principal, SightingReport report, CancellationToken cancellationToken) =>
        RecordCoreAsync(principal, report, cancellationToken).AuditedAsync(audit, r => new AuditEvent("sightings.record", "stix-object", string.Join(" ", r.Sightings.Select(s => s.SightingOf).Distinct()), principal.OrganisationId, $"{r.Sightings.Count} sighting(s)"), cancellationToken);

    private async Task<Result<RecordedSightings>> RecordCoreAsync(Principal principal, SightingReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Validate(report) is { } invalid)
        {
            return invalid;
        }

        var options = new ImportOptions { Tlp = report.Tlp, Scope = report.Scope, Recipients = report.Recipients, SharingGroupId = report.SharingGroupId };
        var plan = await DistributionPlan.ResolveAsync(principal, options, directory, cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error!;
        }

        if (plan.Value!.For(null).Error is { } distribution)
        {
            return distribution;
        }

        var found = await targets.FindAsync(principal, report, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var now = time.GetUtcNow();
        var sightings = found.Value!.Select(indicator => SightingObject.Build(indicator, report, now)).ToList();
        using var bundle = SightingObject.Bundle(sightings.Select(s => s.Json));
        var imported = await store.ImportAsync(principal, bundle, options, null, cancellationToken);
        if (!imported.IsSuccess)
        {
            return imported.Error!;
        }

        if (!imported.Value!.Committed)
        {
            var first = imported.Value.Errors.SelectMany(e => e.Issues).FirstOrDefault();
            return Error.Validation("tlp", first?.Rule ?? "sighting-rejected", first?.Message ?? "The sighting was rejected.");
        }

        return new RecordedSightings(sightings.Select(s => new RecordedSighting(s.Id, s.SightingOf)).ToList());
    }

    public async Task<Result<SightingList>> ListAsync(Principal principal, string objectId, int limit, CancellationToken cancellationToken)
    {
        var target = await store.GetAsync(principal, objectId, null, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error!;
        }

        // Only sightings the reader may read, and only those whose stored object still exists (a deletion not yet followed).
        var objects = db.Objects;
        var visible = db.Sightings.AsNoTracking().Apply(principal)
            .Where(s => s.TargetId == objectId && !s.Revoked && objects.Any(o => o.Seq == s.Seq));
        var totals = await visible
            .GroupBy(s => s.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Sum(s => s.Count), First = g.Min(s => s.FirstSeenUs ?? s.LastSeenUs ?? s.VersionUs), Last = g.Max(s => s.LastSeenUs ?? s.FirstSeenUs ?? s.VersionUs) })
            .ToListAsync(cancellationToken);
        var take = Math.Clamp(limit, 1, MaxPageSize);
        var rows = await visible.OrderByDescending(s => s.Seq).Take(take + 1).ToListAsync(cancellationToken);

        var indicator = target.Value!;
        var counts = await reach.ForAsync(rows.Select(s => s.OwnerOrgId), cancellationToken);
        var seen = totals.Where(t => t.Kind == SightingKind.Sighting).ToList();
        var summary = new SightingTotals(
            seen.Sum(t => t.Count),
            totals.Where(t => t.Kind == SightingKind.FalsePositive).Sum(t => t.Count),
            totals.Where(t => t.Kind == SightingKind.Expiration).Sum(t => t.Count),
            seen.Count > 0 ? StixTime.FromMicros(seen.Min(t => t.First)) : null,
            seen.Count > 0 ? StixTime.FromMicros(seen.Max(t => t.Last)) : null);
        var items = rows.Take(take).Select(s => new SightingView(
            s.StixId,
            s.TargetId,
            s.Kind,
            s.Count,
            s.FirstSeenUs is { } first ? StixTime.FromMicros(first) : null,
            s.LastSeenUs is { } last ? StixTime.FromMicros(last) : null,
            s.Anonymous && principal.OrganisationId != s.OwnerOrgId ? null : s.OwnerOrgId,
            s.Tlp,
            s.Scope,
            indicator.Type == "indicator" && counts(indicator, s))).ToList();
        return new SightingList(objectId, summary, items, rows.Count > take);
    }

    private static Error? Validate(SightingReport report)
    {
        if (string.IsNullOrWhiteSpace(report.Value) == string.IsNullOrWhiteSpace(report.SightingOf))
        {
            return Error.Validation("value", "value-or-sighting-of", "Give either 'value' (an observable value) or 'sighting_of' (an indicator id), exactly one.");
        }

        if (report.Count is < 1 or > MaxCount)
        {
            return Error.Validation("count", "range", $"'count' must be between 1 and {MaxCount:N0}.");
        }

        return null;
    }
}
