using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Host.Demo;

/// <summary>
/// The node's clock, which the demo seeder may set back for its own work only: the store dates what it ingests
/// (<c>date_added</c>) by the clock, so importing the demo's history day by day "at" each day gives it a real 90-day
/// past — the dashboard's activity chart and the decay of scores then look like a node in use. The setting lives in
/// an <see cref="AsyncLocal{T}"/>, so only the seeder's own calls see it; everything else reads the wrapped clock.
/// </summary>
internal sealed class DemoClock(TimeProvider inner) : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> SetTo = new();

    public override DateTimeOffset GetUtcNow() => SetTo.Value ?? inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Until the returned scope is disposed, this async flow reads <paramref name="time"/> as now.</summary>
    public static IDisposable At(DateTimeOffset time)
    {
        var before = SetTo.Value;
        SetTo.Value = time;
        return new Restore(before);
    }

    /// <summary>Wraps the registered <see cref="TimeProvider"/> (the system clock, or a test's fake one).</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))
            ?? throw new InvalidOperationException("A TimeProvider must be registered before the demo clock wraps it.");
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(sp => new DemoClock(registered.ImplementationInstance as TimeProvider
            ?? (TimeProvider)(registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }

    private sealed class Restore(DateTimeOffset? before) : IDisposable
    {
        public void Dispose() => SetTo.Value = before;
    }
}
