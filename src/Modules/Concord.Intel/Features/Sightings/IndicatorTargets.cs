using Concord.Access;
using Concord.Platform;

namespace Concord.Intel.Features.Sightings;

/// <summary>The indicators a sighting report is about, among those the reporter may read; none found is a 404 naming the field.</summary>
internal sealed class IndicatorTargets(IIntelStore store)
{
    public async Task<Result<IReadOnlyList<StoredStixObject>>> FindAsync(Principal principal, SightingReport report, CancellationToken cancellationToken)
    {
        var id = report.SightingOf!.Trim();
        var found = await store.GetAsync(principal, id, null, cancellationToken);
        if (!found.IsSuccess || found.Value!.Type != "indicator")
        {
            return new Error(ErrorKind.NotFound, "no-visible-indicator", $"No indicator '{id}' that you may read was found.", "sighting_of");
        }

        return new[] { found.Value };
    }
}
