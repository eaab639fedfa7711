using Microsoft.Extensions.Logging;

namespace Concord.Platform.Outbound;

internal static partial class Log
{
    /// <summary>The category outbound calls log under.</summary>
    public const string Category = "Concord.Platform.Outbound";

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Outbound call to {Host} refused: {Reason}")]
    public static partial void OutboundRefused(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Outbound {Purpose} call {Method} {Origin} failed ({Cause}); retry {Retry} in {Delay}")]
    public static partial void Retrying(ILogger logger, OutboundPurpose purpose, string method, string origin, string cause, int retry, TimeSpan delay);
}
