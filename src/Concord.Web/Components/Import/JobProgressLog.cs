using Microsoft.Extensions.Logging;

namespace Concord.Web.Components.Import;

/// <summary>The job page's log messages (a generated logger cannot live in a Razor file).</summary>
internal static partial class JobProgressLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Reading the progress of import job {JobId} failed; the page reads it again")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, Guid jobId);
}
