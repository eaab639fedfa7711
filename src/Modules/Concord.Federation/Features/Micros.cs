namespace Concord.Federation.Features;

/// <summary>Instants as the store keeps them: microseconds since the Unix epoch.</summary>
internal static class Micros
{
    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long Of(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
