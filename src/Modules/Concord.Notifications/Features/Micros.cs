namespace Concord.Notifications.Features;

/// <summary>Times are stored as microseconds since the Unix epoch, as in the other modules' tables.</summary>
internal static class Micros
{
    public static long Of(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset ToTime(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    public static DateTimeOffset? ToTime(long? us) => us is { } value ? ToTime(value) : null;

    public static long Now(TimeProvider time) => Of(time.GetUtcNow());
}
