using Concord.Platform;

namespace Concord.Notifications.Features;

/// <summary>The refusals the notification services share.</summary>
internal static class Inboxes
{
    public static Error NoAccount() =>
        Error.Forbidden("Notifications belong to a user account; this caller (a peer node, or the node itself) has none.");

    public static Error NotOrgAdmin() =>
        Error.Forbidden("Webhooks are set by an organisation's administrators (role org admin, speaking for an organisation).");

    public static Error NotNodeAdmin() => Error.Forbidden("The node's mail settings are for node administrators.");
}
