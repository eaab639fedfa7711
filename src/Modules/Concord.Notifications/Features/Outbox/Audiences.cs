using System.Globalization;
using Concord.Access;

namespace Concord.Notifications.Features.Outbox;

/// <summary>An audience as the outbox stores it: <c>org:&lt;id&gt;:&lt;minimum role&gt;</c> or <c>user:&lt;id&gt;</c>.</summary>
internal static class Audiences
{
    public static string Format(NotificationAudience audience) => audience switch
    {
        { UserId: { } user } => $"user:{user:D}",
        { OrganisationId: { } organisation } => $"org:{organisation:D}:{(int)audience.MinimumRole}",
        _ => throw new ArgumentException("A notification names an organisation or a user.", nameof(audience)),
    };

    public static NotificationAudience? Parse(string text)
    {
        var parts = text.Split(':');
        return parts switch
        {
            ["user", var user] when Guid.TryParse(user, out var id) => NotificationAudience.User(id),
            ["org", var org, var role] when Guid.TryParse(org, out var id)
                && int.TryParse(role, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && Enum.IsDefined((Role)r)
                => NotificationAudience.Organisation(id, (Role)r),
            _ => null,
        };
    }
}
