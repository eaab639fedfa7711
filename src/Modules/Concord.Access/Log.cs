using Microsoft.Extensions.Logging;

namespace Concord.Access;

/// <summary>The Access module's log messages. Never log secrets, passwords or keys; user names only at Information.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Authentication with scheme {Scheme} failed from {RemoteIp}")]
    public static partial void AuthenticationFailed(ILogger logger, string scheme, string? remoteIp);

    [LoggerMessage(2, LogLevel.Warning, "Node admin account {UserName} created with a one-time password")]
    public static partial void NodeAdminCreated(ILogger logger, string userName);

    [LoggerMessage(3, LogLevel.Information, "Access: {Action} {Target} by {Actor}")]
    public static partial void AdminAction(ILogger logger, string action, string target, string actor);

    [LoggerMessage(4, LogLevel.Warning, "{OldKey} is deprecated and applies to every interface now; rename it to {NewKey}")]
    public static partial void LegacyAnonymousReadsSetting(ILogger logger, string oldKey, string newKey);
}
