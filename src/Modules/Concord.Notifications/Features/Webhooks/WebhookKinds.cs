namespace Concord.Notifications.Features.Webhooks;

/// <summary>A webhook's kinds as stored: comma-separated names, or <c>*</c> for every kind.</summary>
internal static class WebhookKinds
{
    public const string All = "*";

    public static bool Includes(string stored, string kind) =>
        stored == All || stored.Split(',').Contains(kind, StringComparer.Ordinal);

    public static IReadOnlyList<string> Parse(string stored) => stored == All ? [All] : stored.Split(',');
}
