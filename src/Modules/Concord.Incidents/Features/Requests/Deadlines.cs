using System.Globalization;
using Concord.Teams;

namespace Concord.Incidents.Features.Requests;

/// <summary>A duration's unit: calendar minutes and hours, or working hours and days in the receiving team's hours.</summary>
internal enum DeadlineUnit
{
    Minutes,
    Hours,
    WorkingHours,
    WorkingDays,
}

internal static class DeadlineUnits
{
    public static bool IsWorking(this DeadlineUnit unit) => unit is DeadlineUnit.WorkingHours or DeadlineUnit.WorkingDays;
}

/// <summary>A deadline's duration as the alliance configures it: <c>30m</c>, <c>4h</c>, <c>4wh</c>, <c>1wd</c>.</summary>
internal readonly record struct DeadlineSpan(int Amount, DeadlineUnit Unit)
{
    /// <summary>A length to compare spans of the same kind by (a working day counted as 8 working hours).</summary>
    public TimeSpan Nominal => Unit switch
    {
        DeadlineUnit.Minutes => TimeSpan.FromMinutes(Amount),
        DeadlineUnit.Hours or DeadlineUnit.WorkingHours => TimeSpan.FromHours(Amount),
        _ => TimeSpan.FromHours(8 * Amount),
    };

    public static bool TryParse(string? text, out DeadlineSpan span)
    {
        span = default;
        var value = text?.Trim().ToLowerInvariant() ?? "";
        var (unit, suffix) = value.EndsWith("wd", StringComparison.Ordinal) ? (DeadlineUnit.WorkingDays, 2)
            : value.EndsWith("wh", StringComparison.Ordinal) ? (DeadlineUnit.WorkingHours, 2)
            : value.EndsWith('h') ? (DeadlineUnit.Hours, 1)
            : value.EndsWith('m') ? (DeadlineUnit.Minutes, 1)
            : ((DeadlineUnit?)null, 0);
        if (unit is null || !int.TryParse(value.AsSpan(0, value.Length - suffix), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount is <= 0 or > 100_000)
        {
            return false;
        }

        span = new DeadlineSpan(amount, unit.Value);
        return true;
    }

    /// <summary>
    /// The span as calendar time, for a team without business hours (it answers around the clock): a working day is a
    /// day, a working hour an hour.
    /// </summary>
    public TimeSpan Calendar => Unit == DeadlineUnit.WorkingDays ? TimeSpan.FromDays(Amount) : Nominal;

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DeadlineUnit.Minutes => "m",
        DeadlineUnit.Hours => "h",
        DeadlineUnit.WorkingHours => "wh",
        _ => "wd",
    };
}

/// <summary>A team's working week: its days, its hours (local) and its time zone.</summary>
internal sealed record WorkingWeek(IReadOnlySet<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes, TimeZoneInfo Zone)
{
    /// <summary>
    /// The team's week as its directory profile states it; null (calendar time) for a team without business hours: one
    /// whose profile names no working day, was never filled in, or has a time zone this node does not know.
    /// </summary>
    public static WorkingWeek? Of(TeamProfile? profile)
    {
        if (profile is null || profile.Updated is null || profile.Hours.Days.Count == 0 || profile.Hours.Closes <= profile.Hours.Opens
            || !TimeZoneInfo.TryFindSystemTimeZoneById(profile.Hours.TimeZone, out var zone))
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var day in profile.Hours.Days)
        {
            if (Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed))
            {
                days.Add(parsed);
            }
        }

        return days.Count == 0 ? null : new WorkingWeek(days, profile.Hours.Opens, profile.Hours.Closes, zone);
    }
}

/// <summary>
/// The deadline calculator: pure (the caller passes the start, from its <see cref="TimeProvider"/>). Calendar units add
/// elapsed time; working units count only the team's opening hours in its time zone, day by day, so weekends, closed
/// days and daylight-saving changes fall where the team's clock puts them.
/// </summary>
internal static class Deadlines
{
    private const int MaxDays = 3 * 366 * 10;

    public static DateTimeOffset Add(DateTimeOffset start, DeadlineSpan span, WorkingWeek? week)
    {
        if (!span.Unit.IsWorking() || week is null)
        {
            return start + span.Calendar;
        }

        var day = week.Closes - week.Opens;
        var remaining = span.Unit == DeadlineUnit.WorkingDays ? day * span.Amount : TimeSpan.FromHours(span.Amount);
        var cursor = start.ToUniversalTime();
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(cursor, week.Zone).DateTime);
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(1))
        {
            if (!week.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var opens = Utc(date, week.Opens, week.Zone);
            var closes = Utc(date, week.Closes, week.Zone);
            var from = cursor > opens ? cursor : opens;
            if (from >= closes)
            {
                continue;
            }

            var available = closes - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
        }

        // A week with no opening hours at all cannot happen (WorkingWeek.Of refuses it); calendar time, to be safe.
        return start + span.Calendar;
    }

    /// <summary>A local wall-clock time of a day as an instant; a time the clocks skip (spring forward) is taken an hour later.</summary>
    private static DateTimeOffset Utc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
