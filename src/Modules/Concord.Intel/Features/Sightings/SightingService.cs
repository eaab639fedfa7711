using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Features.Scoring;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;
using Concord.Platform.Audit;
using Concord.Stix;

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

        // Every group's distribution is resolved before anything is stored: a refused one stores none.
        var groups = await GroupAsync(report, options, found.Value!, cancellationToken);
        foreach (var (groupOptions, _) in groups.Where(g => !ReferenceEquals(g.Options, options)))
        {
            var resolved = await DistributionPlan.ResolveAsync(principal, groupOptions, directory, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }
        }

        var now = time.GetUtcNow();
        var recorded = new List<RecordedSighting>();
        foreach (var (groupOptions, indicators) in groups)
        {
            var sightings = indicators.Select(indicator => SightingObject.Build(indicator, report, now)).ToList();
            using var bundle = SightingObject.Bundle(sightings.Select(s => s.Json));
            var imported = await store.ImportAsync(principal, bundle, groupOptions, null, cancellationToken);
            if (!imported.IsSuccess)
            {
                return imported.Error!;
            }

            if (!imported.Value!.Committed)
            {
                var first = imported.Value.Errors.SelectMany(e => e.Issues).FirstOrDefault();
                return Error.Validation("tlp", first?.Rule ?? "sighting-rejected", first?.Message ?? "The sighting was rejected.");
            }

            recorded.AddRange(sightings.Select(s => new RecordedSighting(s.Id, s.SightingOf)));
        }

        return new RecordedSightings(recorded);
    }

    /// <summary>
    /// The sightings to store, grouped by distribution. A report that names none goes back to the owner of what it
    /// sighted when that owner is hosted on another node: TLP:AMBER to that organisation alone (its node reads what names
    /// one of its organisations), so the sighting reaches the owner's node and nobody else's. Sightings of this node's
    /// own organisations' objects keep the reporter's default.
    /// </summary>
    private async Task<List<(ImportOptions Options, List<StoredStixObject> Indicators)>> GroupAsync(
        SightingReport report, ImportOptions options, IReadOnlyList<StoredStixObject> indicators, CancellationToken cancellationToken)
    {
        var named = report.Tlp is not null || report.Scope is not null || report.Recipients.Count > 0 || report.SharingGroupId is not null;
        if (named)
        {
            return [(options, indicators.ToList())];
        }

        var groups = new List<(ImportOptions Options, List<StoredStixObject> Indicators)>();
        var local = new List<StoredStixObject>();
        foreach (var owner in indicators.GroupBy(i => i.OwnerOrgId))
        {
            if (await directory.FindOrganisationAsync(owner.Key, cancellationToken) is { IsFederated: true })
            {
                groups.Add((options with { Tlp = Tlp.Amber, Scope = null, Recipients = [owner.Key] }, owner.ToList()));
            }
            else
            {
                local.AddRange(owner);
            }
        }

        if (local.Count > 0)
        {
            groups.Insert(0, (options, local));
        }

        return groups;
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
