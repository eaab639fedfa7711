using Concord.Intel.Data;

namespace Concord.Intel.Features.Feeds;

internal static class FeedViews
{
    public static FeedInfo Info(FeedRecord f) => new(
        f.Id,
        f.OwnerOrgId,
        f.Name,
        FeedSettingsRules.Kind(f.Kind),
        f.Source,
        FeedSettingsRules.Columns(f.ColumnsJson),
        f.Tlp,
        f.Scope,
        f.SharingGroupId,
        f.IntervalMinutes,
        f.Enabled,
        At(f.CreatedUs),
        f.CreatedBy,
        At(f.NextRunUs),
        f.RunningSinceUs is not null,
        f.LastStartedUs is { } started
            ? new FeedRunSummary(At(started), f.LastFinishedUs is { } done ? At(done) : null, f.LastRequests, f.LastEventsFetched,
                f.LastEventsSkipped, f.LastEventsFailed, f.LastStored, f.LastDuplicates, f.LastRejected, f.LastError)
            : null);

    private static DateTimeOffset At(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);
}
