using Concord.Intel.Data;
using Concord.Intel.Features.Import;
using Concord.Intel.Observables.Exclusions;
using Concord.Platform;
using Microsoft.EntityFrameworkCore;

namespace Concord.Intel.Features.Correlation;

/// <summary>A stored correlation exclusion.</summary>
internal sealed record ExclusionEntry(Guid Id, ExclusionKind Kind, string Value, string? Comment, DateTimeOffset Created, string? CreatedBy);

/// <summary>
/// Correlation exclusions: persisted, validated with the matcher that applies them (a bad CIDR or expression is
/// refused when added, not skipped at lookup), and swapped into <see cref="ExclusionCache"/> on every change.
/// </summary>
internal sealed class ExclusionService(IntelDbContext db, ExclusionCache cache, TimeProvider time)
{
    public async Task<ExclusionMatcher> MatcherAsync(CancellationToken cancellationToken) =>
        cache.Current ?? await ReloadAsync(cancellationToken);

    public async Task<IReadOnlyList<ExclusionEntry>> ListAsync(CancellationToken cancellationToken) =>
        (await Ordered().ToListAsync(cancellationToken)).Select(ToEntry).ToList();

    public async Task<Result<ExclusionEntry>> AddAsync(ExclusionKind kind, string? value, string? comment, string? createdBy, CancellationToken cancellationToken)
    {
        var built = ExclusionMatcher.Build([new CorrelationExclusion(kind, value ?? "", comment)]);
        if (!built.IsSuccess)
        {
            return Error.Validation("value", built.Error!.Rule, built.Error.Message);
        }

        var row = new ExclusionRow
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Kind = kind,
            Value = value!.Trim(),
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            CreatedUs = StixTime.ToMicros(time.GetUtcNow()),
            CreatedBy = createdBy,
        };
        db.CorrelationExclusions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await ReloadAsync(cancellationToken);
        return ToEntry(row);
    }

    public async Task<Result<ExclusionEntry>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.CorrelationExclusions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } row
            ? ToEntry(row)
            : Error.NotFound("The exclusion");

    public async Task<Result<Guid>> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.CorrelationExclusions.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Error.NotFound("The exclusion");
        }

        await ReloadAsync(cancellationToken);
        return id;
    }

    private async Task<ExclusionMatcher> ReloadAsync(CancellationToken cancellationToken)
    {
        var rows = await Ordered().ToListAsync(cancellationToken);

        // Every row was validated when added; one that no longer builds (edited by hand) is left out, not fatal.
        var valid = rows.Where(r => ExclusionMatcher.Build([new CorrelationExclusion(r.Kind, r.Value)]).IsSuccess)
            .Select(r => new CorrelationExclusion(r.Kind, r.Value, r.Comment)).ToList();
        var matcher = ExclusionMatcher.Build(valid).Value!;
        cache.Set(matcher);
        return matcher;
    }

    private IQueryable<ExclusionRow> Ordered() => db.CorrelationExclusions.AsNoTracking().OrderBy(e => e.CreatedUs).ThenBy(e => e.Id);

    private static ExclusionEntry ToEntry(ExclusionRow r) => new(r.Id, r.Kind, r.Value, r.Comment, StixTime.FromMicros(r.CreatedUs), r.CreatedBy);
}
