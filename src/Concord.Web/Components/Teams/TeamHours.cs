using System.Globalization;
using Concord.Teams;

namespace Concord.Web.Components.Teams;

/// <summary>What time it is for a team now, and whether it is within its business hours (else: its 24/7 number).</summary>
internal static class TeamHours
{
    public static string LocalNow(BusinessHours hours, DateTimeOffset now)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out var zone))
        {
            return now.ToString("ddd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var day = local.DayOfWeek.ToString().ToLowerInvariant();
        var open = hours.Days.Contains(day) && time >= hours.Opens && time < hours.Closes;
        return $"{local.ToString("dddd HH:mm", CultureInfo.InvariantCulture)} — {(open ? "open" : "closed: use the 24/7 number")}";
    }
}
