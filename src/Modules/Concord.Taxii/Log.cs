using Microsoft.Extensions.Logging;

namespace Concord.Taxii;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "TAXII request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "TAXII add objects {StatusId}: {Total} objects, {Succeeded} succeeded, {Failed} failed, {Pending} pending")]
    public static partial void ObjectsAdded(this ILogger logger, Guid statusId, int total, int succeeded, int failed, int pending);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "TAXII add objects job {JobId} for status {StatusId} could not be read: {Reason}")]
    public static partial void JobUnreadable(this ILogger logger, Guid jobId, Guid statusId, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "TAXII purged {Count} expired status resources")]
    public static partial void StatusesPurged(this ILogger logger, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "TAXII status purge failed; retrying at the next interval")]
    public static partial void StatusPurgeFailed(this ILogger logger, Exception exception);
}
