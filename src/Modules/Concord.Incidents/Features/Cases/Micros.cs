namespace Concord.Incidents.Features.Cases;

/// <summary>Times as the tables keep them: microseconds since the Unix epoch.</summary>
internal static class Micros
{
    public static long Of(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset At(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long Now(TimeProvider time) => Of(time.GetUtcNow());
}
