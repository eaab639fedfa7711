namespace Concord.Notifications.Features.Outbox;

/// <summary>The kinds the modules registered, and their renderers: one of each per kind.</summary>
internal sealed class NotificationKinds
{
    /// <summary>The kind of the "send test" messages of the webhook and mail pages: never queued, never a preference.</summary>
    public const string Test = "test";

    private readonly Dictionary<string, NotificationKind> _kinds;

    public NotificationKinds(IEnumerable<NotificationKind> kinds)
    {
        _kinds = new Dictionary<string, NotificationKind>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            if (!_kinds.TryAdd(kind.Name, kind))
            {
                throw new InvalidOperationException($"The notification kind '{kind.Name}' is registered twice.");
            }
        }
    }

    public IReadOnlyList<NotificationKind> All => [.. _kinds.Values.OrderBy(k => k.Title, StringComparer.Ordinal)];

    public NotificationKind? Find(string name) => _kinds.GetValueOrDefault(name);
}
