using Microsoft.Extensions.Logging;

namespace Concord.Intel;

/// <summary>The Intel module's log messages. Never STIX bodies: they may be TLP:RED.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Import job {JobId} started ({Policy}).")]
    public static partial void JobStarted(ILogger logger, Guid jobId, ImportPolicy policy);

    [LoggerMessage(2, LogLevel.Information, "Import job {JobId} finished {State}: {Stored} stored, {Rejected} rejected.")]
    public static partial void JobFinished(ILogger logger, Guid jobId, ImportJobState state, long stored, long rejected);

    [LoggerMessage(3, LogLevel.Warning, "Import job {JobId} was interrupted; resuming after entry {Checkpoint}.")]
    public static partial void JobResumed(ILogger logger, Guid jobId, int checkpoint);

    [LoggerMessage(4, LogLevel.Warning, "Import job {JobId} was interrupted and its spool file is gone; marked failed.")]
    public static partial void JobLost(ILogger logger, Guid jobId);

    [LoggerMessage(5, LogLevel.Error, "Import job {JobId} failed.")]
    public static partial void JobCrashed(ILogger logger, Guid jobId, Exception exception);

    [LoggerMessage(49, LogLevel.Warning, "Could not read the import queue; trying again.")]
    public static partial void JobQueueUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Warninglists loaded: {Lists} lists, {Problems} problems.")]
    public static partial void WarninglistsLoaded(ILogger logger, int lists, int problems);

    [LoggerMessage(42, LogLevel.Information, "Observable index rebuild: {Objects} objects re-indexed, up to sequence {Position}{Done}.")]
    public static partial void IndexRebuilt(ILogger logger, long objects, long position, string done);

    [LoggerMessage(43, LogLevel.Error, "Rebuilding the observable index failed; retrying from the last mark.")]
    public static partial void IndexRebuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(46, LogLevel.Information, "Content hashes filled for {Rows} stored versions.")]
    public static partial void ContentHashesFilled(ILogger logger, long rows);

    [LoggerMessage(47, LogLevel.Error, "Filling content hashes failed; the next start resumes.")]
    public static partial void ContentHashFillFailed(ILogger logger, Exception exception);

    [LoggerMessage(44, LogLevel.Warning, "Granular markings: {Objects} stored object versions held a stricter TLP in a granular marking; their TLP (and scope) were narrowed.")]
    public static partial void GranularTlpApplied(ILogger logger, long objects);

    [LoggerMessage(45, LogLevel.Information, "Removed {Files} spool file(s) that an interrupted upload or import left behind.")]
    public static partial void SpoolOrphansRemoved(ILogger logger, int files);

    [LoggerMessage(48, LogLevel.Warning, "Repaired {Objects} stored object versions whose strings held an unpaired surrogate escape (now U+FFFD).")]
    public static partial void BadTextRepaired(ILogger logger, long objects);

    [LoggerMessage(60, LogLevel.Error, "Feed {Feed} failed.")]
    public static partial void FeedRunFailed(ILogger logger, Guid feed, Exception exception);

    [LoggerMessage(61, LogLevel.Error, "The feed scheduler could not look for due feeds.")]
    public static partial void FeedSchedulerFailed(ILogger logger, Exception exception);
}
