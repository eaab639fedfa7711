using System.Globalization;

namespace Concord.Stix.Patterning;

/// <summary>
/// Reads the STIX timestamp form <c>YYYY-MM-DDTHH:MM:SS[.s+]Z</c> without regex or allocation, because every
/// START/STOP qualifier and timestamp constant passes through here at ingest.
/// </summary>
internal static class PatternTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[^1] != 'Z'
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        long ticks = 0;
        if (text.Length > 20)
        {
            // A fraction needs a dot and at least one digit; STIX allows any precision, DateTime keeps 7 digits.
            if (text[19] != '.' || text.Length == 21)
            {
                return false;
            }

            var fraction = text[20..^1];
            for (var i = 0; i < fraction.Length; i++)
            {
                if (!char.IsAsciiDigit(fraction[i]))
                {
                    return false;
                }

                if (i < 7)
                {
                    ticks += (fraction[i] - '0') * TicksPerDigit[i];
                }
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    private static readonly long[] TicksPerDigit = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value) =>
        int.TryParse(text.Slice(start, count), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
