using System.Globalization;

namespace Concord.Intel.Features.Import;

/// <summary>STIX timestamps (<c>YYYY-MM-DDTHH:MM:SS[.s+]Z</c>) as microseconds since the Unix epoch, and back.</summary>
internal static class StixTime
{
    /// <summary>Parses a STIX timestamp; digits past the microsecond are truncated (they cannot change the order of real data).</summary>
    public static long? ToMicros(string? text)
    {
        if (text is null || text.Length < 20 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return null;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return null;
        }

        long fraction = 0;
        if (text.Length > 20)
        {
            if (text[19] != '.' || text.Length == 21)
            {
                return null;
            }

            var scale = 100_000L;
            for (var i = 20; i < text.Length - 1; i++)
            {
                var c = text[i];
                if (c is < '0' or > '9')
                {
                    return null;
                }

                fraction += (c - '0') * scale;
                scale /= 10;
            }
        }
        else if (text[19] != 'Z')
        {
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }

        var date = new DateTime(Math.Max(year, 1), month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc);
        return (date.Ticks - DateTime.UnixEpoch.Ticks) / 10 + fraction;
    }

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>A STIX timestamp with millisecond precision, the precision STIX producers most often use.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
