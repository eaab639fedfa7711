using Concord.Access;
using Concord.Intel.Data;
using Concord.Intel.Features.Correlation;
using Concord.Intel.Features.Import;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Sightings;

/// <summary>
/// The indicators a sighting report is about, among those the reporter may read; none found is a 404 naming the field.
/// A value is read as correlation reads it (<see cref="LookupValue"/>) and found through the observable index by its
/// exact key. Not through <see cref="ICorrelation.LookupAsync"/>: its answers leave out common and excluded values
/// and add containing networks — right for "who else saw this", wrong for "which indicators hold this value".
/// </summary>
internal sealed class IndicatorTargets(IntelDbContext db, IIntelStore store)
{
    public const int MaxTargets = 100;

    public async Task<Result<IReadOnlyList<StoredStixObject>>> FindAsync(Principal principal, SightingReport report, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(report.SightingOf))
        {
            var id = report.SightingOf.Trim();
            var found = await store.GetAsync(principal, id, null, cancellationToken);
            return found.IsSuccess && found.Value!.Type == "indicator"
                ? new[] { found.Value }
                : new Error(ErrorKind.NotFound, "no-visible-indicator", $"No indicator '{id}' that you may read was found.", "sighting_of");
        }

        var value = LookupValue.Parse(report.Value, "value");
        if (!value.IsSuccess)
        {
            return value.Error!;
        }

        var key = ObservableKey.Of(value.Value!);
        var observables = db.Observables;
        var rows = await db.Objects.AsNoTracking().Apply(principal)
            .Where(o => o.Type == "indicator" && o.Latest && !o.Revoked && observables.Any(k => k.Key == key && k.Seq == o.Seq))
            .OrderBy(o => o.Seq)
            .Take(MaxTargets)
            .Select(o => new { o.StixId, o.OwnerOrgId, o.Tlp, o.Scope, o.AudienceId, o.Seq, o.DateAddedUs, o.Modified })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new Error(ErrorKind.NotFound, "no-visible-indicator", $"No indicator that you may read holds '{value.Value!.Value}'.", "value");
        }

        return rows.DistinctBy(r => r.StixId).Select(r => new StoredStixObject(r.StixId, "indicator", r.Modified, false, r.Seq, StixTime.FromMicros(r.DateAddedUs), r.OwnerOrgId, r.Tlp, r.Scope, r.AudienceId, ReadOnlyMemory<byte>.Empty))
            .ToList();
    }
}
